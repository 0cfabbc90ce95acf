// `npm test`: every test layer in order, stopping at the first failure, then one
// closing line "N passed, N failed" summed over the mocha runs (unit, integration
// in the extension host, the same against the installed .vsix, and E2E).
import { spawn } from 'node:child_process';

const stages = [
  ['lint', 'npm run lint'],
  ['type-check', 'npm run check-types'],
  ['build', 'npm run build'],
  ['compile tests', 'npm run compile-tests'],
  ['unit', 'npm run test:unit'],
  ['integration (development folder)', 'npm run test:integration'],
  ['integration (Dutch)', 'OVHCLOUD_TEST_LOCALE=nl OVHCLOUD_TEST_GREP=Localization node out/test/harness/runIntegration.js'],
  ['integration (installed .vsix)', 'npm run test:integration:vsix'],
  ['e2e', 'npm run test:e2e'],
  ['bench budgets', 'npm run bench:quick'],
];

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };

function runStage(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const scan = (stream, sink) => {
      let pending = '';
      stream.on('data', (chunk) => {
        sink.write(chunk);
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) count(line);
      });
      stream.on('end', () => count(pending));
    };
    scan(child.stdout, process.stdout);
    scan(child.stderr, process.stderr);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// Mocha's spec reporter ends each run with "N passing", "N failing" and "N pending";
// the budget check ends with "N passed, N failed".
function count(line) {
  const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
  const budgets = /^(\d+) passed, (\d+) failed$/.exec(plain.trim());
  if (budgets) {
    totals.passed += Number(budgets[1]);
    totals.failed += Number(budgets[2]);
    return;
  }
  const match = /^\s*(\d+) (passing|failing|pending)\b/.exec(plain);
  if (!match) return;
  const n = Number(match[1]);
  if (match[2] === 'passing') totals.passed += n;
  else if (match[2] === 'failing') totals.failed += n;
  else totals.skipped += n;
}

let exitCode = 0;
for (const [name, command] of stages) {
  if (only.length > 0 && !only.some((word) => name.startsWith(word))) continue;
  process.stdout.write(`\n=== ${name}: ${command}\n`);
  const code = await runStage(command);
  if (code !== 0) {
    process.stdout.write(`\n=== ${name} failed with exit code ${code}\n`);
    exitCode = code;
    if (totals.failed === 0) totals.failed = 1;
    break;
  }
}
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(exitCode);

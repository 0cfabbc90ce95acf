// `npm test`: every test layer in order, stopping at the first failure, then one
// closing line "N passed, N failed" summed over the mocha runs (unit, integration
// in the extension host, the same against the installed .vsix, and E2E).
// When a layer fails, its failing tests and where their screenshots and logs are
// follow, so a CI log alone tells what broke.
import { layers } from './layers.mjs';
import { describeFailure, runCommand } from './runLayer.mjs';

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };

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
for (const layer of layers) {
  if (only.length > 0 && !only.some((word) => layer.name.startsWith(word))) continue;
  process.stdout.write(`\n=== ${layer.name}: ${layer.command}\n`);
  const code = await runCommand(layer.command, { onLine: count });
  if (code !== 0) {
    process.stdout.write(`\n=== ${layer.name} failed with exit code ${code}\n`);
    if (layer.results) process.stdout.write(describeFailure(layer.results));
    exitCode = code;
    if (totals.failed === 0) totals.failed = 1;
    break;
  }
}
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(exitCode);

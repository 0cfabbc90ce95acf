// `npm run test:repeat -- --times N [--layer integration,e2e] [--grep TEXT]`
// Runs test layers N times in a row and reports every test that failed at least once,
// with how often: the way to see a flaky test before CI does. Builds once first.
// Layers: unit, integration, integration-nl, integration-vsix, e2e (default: integration).
// A failed run's screenshots and logs are kept under test-results/repeat/<layer>-run<i>/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { layers } from './layers.mjs';
import { describeFailure, readResults, resultsRoot, runCommand } from './runLayer.mjs';

const { values } = parseArgs({
  options: {
    times: { type: 'string', default: '10' },
    layer: { type: 'string', default: 'integration' },
    grep: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const times = Number(values.times);
if (!Number.isInteger(times) || times < 1) throw new Error(`--times takes a whole number ≥ 1, not "${values.times}"`);
const chosen = values.layer.split(',').map((name) => name.trim());
const known = layers.filter((layer) => layer.repeatable).map((layer) => layer.results);
for (const name of chosen) if (!known.includes(name)) throw new Error(`unknown layer "${name}"; one of: ${known.join(', ')}`);

// Packaging happens once; each run then tests the same .vsix.
const commandOf = (name) =>
  name === 'integration-vsix' ? 'node out/test/harness/runIntegration.js --vsix' : layers.find((layer) => layer.results === name).command;
const prepare = ['npm run build', 'npm run compile-tests', ...(chosen.includes('integration-vsix') ? ['npm run package'] : [])];
for (const command of prepare) {
  process.stdout.write(`=== ${command}\n`);
  if ((await runCommand(command, { quiet: !values.verbose })) !== 0) {
    process.stdout.write(`${command} failed: fix the build first.\n`);
    process.exit(1);
  }
}

const failures = new Map(); // "layer › title" → { count, errors: Set }
const runs = [];
for (let round = 1; round <= times; round++) {
  for (const name of chosen) {
    const started = Date.now();
    const env = values.grep && name !== 'integration-nl' ? { OVHCLOUD_TEST_GREP: values.grep } : {};
    // The last lines of a quiet run, to show when it stops before writing its results.
    const tail = [];
    const code = await runCommand(commandOf(name), { env, quiet: !values.verbose, onLine: (line) => tail.push(line) > 40 && tail.shift() });
    const seconds = Math.round((Date.now() - started) / 1000);
    const record = readResults(name);
    const run = { round, layer: name, code, seconds, passed: record?.passed ?? 0, failed: record?.failed ?? 0, finished: Boolean(record) };
    runs.push(run);
    for (const failure of record?.failures ?? []) {
      const key = `${name} › ${failure.title}`;
      const entry = failures.get(key) ?? { count: 0, errors: new Set() };
      entry.count++;
      entry.errors.add(failure.error.split('\n')[0]);
      failures.set(key, entry);
    }
    if (!record && code !== 0) {
      const key = `${name} › (the run stopped before its tests finished)`;
      const entry = failures.get(key) ?? { count: 0, errors: new Set() };
      entry.count++;
      failures.set(key, entry);
    }
    const verdict = code === 0 ? 'ok' : 'FAILED';
    process.stdout.write(`run ${round}/${times} ${name}: ${run.passed} passed, ${run.failed} failed, ${seconds} s — ${verdict}\n`);
    if (code !== 0) {
      if (!record && !values.verbose) process.stdout.write(`The run's last lines:\n${tail.join('\n')}\n`);
      process.stdout.write(describeFailure(name));
      const keep = path.join(resultsRoot, 'repeat', `${name}-run${round}`);
      fs.rmSync(keep, { recursive: true, force: true });
      fs.cpSync(path.join(resultsRoot, name), keep, { recursive: true });
      process.stdout.write(`kept in ${path.relative(process.cwd(), keep)}\n`);
    }
  }
}

const failedRuns = runs.filter((run) => run.code !== 0).length;
process.stdout.write(
  `\n${runs.length} runs of ${chosen.join(', ')}${values.grep ? ` (grep "${values.grep}")` : ''}: ${runs.length - failedRuns} passed, ${failedRuns} failed\n`,
);
if (failures.size === 0) {
  process.stdout.write('No test failed in any run.\n');
} else {
  process.stdout.write('Tests that failed at least once:\n');
  for (const [title, entry] of [...failures].sort((a, b) => b[1].count - a[1].count)) {
    process.stdout.write(`  ${entry.count}/${times}  ${title}\n`);
    for (const error of entry.errors) process.stdout.write(`         ${error}\n`);
  }
}
fs.mkdirSync(path.join(resultsRoot, 'repeat'), { recursive: true });
fs.writeFileSync(
  path.join(resultsRoot, 'repeat', 'summary.json'),
  `${JSON.stringify({ times, layers: chosen, grep: values.grep ?? null, runs, failures: Object.fromEntries([...failures].map(([k, v]) => [k, { count: v.count, errors: [...v.errors] }])) }, null, 2)}\n`,
);
process.exit(failedRuns > 0 ? 1 : 0);

import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import Mocha from 'mocha';
import { clearRun, recordRun } from './failureLog';
import { projectRoot, resultsRoot } from './paths';

/**
 * Runs the unit tests in out/test/unit (pure logic, the API client against the
 * sandbox process, the benchmark's helpers) with the same results file as the
 * other layers. OVHCLOUD_TEST_GREP narrows a run, as mocha's --grep would.
 */
async function main(): Promise<number> {
  // One seed for every property test: a run gives the same answer each time it runs.
  // OVHCLOUD_TEST_SEED=<n> explores other inputs (and replays a failure that printed its seed).
  const seed = Number.parseInt(process.env.OVHCLOUD_TEST_SEED ?? '', 10);
  fc.configureGlobal({ seed: Number.isFinite(seed) ? seed : 20_261_206 });
  const dir = path.join(projectRoot, 'out', 'test', 'unit');
  // The per-time-zone runs of the date suites (scripts/layers.mjs) keep their results apart.
  const resultsDir = path.join(resultsRoot, process.env.OVHCLOUD_TEST_RESULTS || 'unit');
  clearRun(resultsDir);
  // A timeout here only catches a test that hangs. Mocha's 2 s default failed tests that take
  // 200 ms on an idle machine (the l10n extractor, a 10-row batch with real lease files) when
  // they ran beside a CPU hog, other builds and three workbenches: a slow machine is no failure.
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout: 60_000, grep: process.env.OVHCLOUD_TEST_GREP || undefined });
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(dir, file));
  return new Promise<number>((resolve) => recordRun(mocha.run(resolve), 'unit', resultsDir));
}

main().then(
  (failures) => process.exit(failures > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

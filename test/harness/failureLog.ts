import * as fs from 'node:fs';
import * as path from 'node:path';
import type Mocha from 'mocha';

/**
 * What one mocha run leaves behind for people and scripts: `results.json` in the
 * layer's folder under test-results/, with every failing test's full title and the
 * first lines of its error. `npm test` prints it when a stage fails, and
 * `npm run test:repeat` counts failures per test from it across runs.
 */
export interface RunRecord {
  readonly layer: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: ReadonlyArray<{ readonly title: string; readonly error: string }>;
  readonly finishedAt: string;
}

export const RESULTS_FILE = 'results.json';

/**
 * Keeps the first lines of an error and the first stack frame in a test file: enough to
 * tell one failure from another, and which assertion it was.
 */
function summary(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const frame = error instanceof Error ? error.stack?.split('\n').find((line) => /out[\\/]test[\\/](integration|e2e|unit)[\\/]/.test(line)) : undefined;
  return [...text.split('\n').slice(0, 6), ...(frame ? [frame.trim()] : [])].join('\n');
}

/** Records the runner's outcome into `<dir>/results.json` when it ends. */
export function recordRun(runner: Mocha.Runner, layer: string, dir: string): void {
  const failures: Array<{ title: string; error: string }> = [];
  let passed = 0;
  let pending = 0;
  runner.on('pass', () => void passed++);
  runner.on('pending', () => void pending++);
  // Hooks fail through the same event: their title names the hook and its test.
  runner.on('fail', (test, error) => void failures.push({ title: test.fullTitle(), error: summary(error) }));
  runner.once('end', () => {
    const record: RunRecord = { layer, passed, failed: failures.length, pending, failures, finishedAt: new Date().toISOString() };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, RESULTS_FILE), `${JSON.stringify(record, null, 2)}\n`);
  });
}

/**
 * Clears what an earlier run of the layer left (results, screenshots, logs), so a crash
 * before the end is never read as a pass and old pictures never pass for new ones.
 */
export function clearRun(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

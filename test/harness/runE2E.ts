import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { clearRun, recordRun } from './failureLog';
import { partSuffix, selectTestFiles } from './fileFilter';
import { projectRoot, resultsRoot } from './paths';

/**
 * Runs the Playwright suites in out/test/e2e against the workbench of a real
 * code-server. The suites open and close the workbench themselves (test/e2e/workbench.ts).
 */
async function main(): Promise<number> {
  const dir = path.join(projectRoot, 'out', 'test', 'e2e');
  // OVHCLOUD_TEST_FILES (one part of the suites, see fileFilter.ts) gets a folder of its own.
  const layer = `e2e${partSuffix()}`;
  const resultsDir = path.join(resultsRoot, layer);
  clearRun(resultsDir);
  // Loaded from the same file as the suites' imports, so this is their workbench.
  const workbench = (await import(path.join(dir, 'workbench.js'))) as typeof import('../e2e/workbench');
  // OVHCLOUD_TEST_GREP narrows a run while developing, as mocha's --grep would.
  const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, reporter: 'spec', grep: process.env.OVHCLOUD_TEST_GREP || undefined });
  mocha.rootHooks({
    // A failed test leaves a picture of the workbench, and its logs when the workbench closes.
    async afterEach(this: Mocha.Context) {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      const file = await workbench.failureScreenshot(test.fullTitle(), resultsDir).catch(() => undefined);
      if (file) process.stderr.write(`[e2e] screenshot of the failure: ${path.relative(projectRoot, file)}\n`);
      workbench.keepLogsOnClose(path.join(resultsDir, 'logs'));
    },
  });
  for (const file of selectTestFiles(
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.e2e.js'))
      .sort(),
  )) {
    mocha.addFile(path.join(dir, file));
  }
  return new Promise<number>((resolve) => recordRun(mocha.run(resolve), layer, resultsDir));
}

main().then(
  (failures) => process.exit(failures > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { recordRun } from '../harness/failureLog';
import { selectTestFiles } from '../harness/fileFilter';
import { resultsRoot } from '../harness/paths';

/** The suites that run against the installed production .vsix. */
const PRODUCTION_SUITES = new Set(['activation.test.js', 'productionPackage.test.js']);

/**
 * Entry point the extension host loads through extensionTestsPath. It must export
 * run(); the workbench turns a rejected promise into a non-zero exit code.
 */
export async function run(): Promise<void> {
  // OVHCLOUD_TEST_GREP narrows a run while developing, as mocha's --grep would.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.OVHCLOUD_TEST_GREP || undefined });
  // The installed production .vsix has no test seams (no testing API): against it run the
  // suites that need none, among them the one proving it exports nothing.
  const production = process.env.OVHCLOUD_TEST_MODE === 'vsix';
  const files = selectTestFiles(
    fs
      .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.js') && (!production || PRODUCTION_SUITES.has(path.basename(file))))
      .sort(),
  );
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    recordRun(runner, process.env.OVHCLOUD_TEST_LAYER ?? 'integration', process.env.OVHCLOUD_TEST_RESULTS ?? path.join(resultsRoot, 'integration'));
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { projectRoot } from './paths';

/**
 * Runs the Playwright suites in out/test/e2e against the workbench of a real
 * code-server. The suites open and close the workbench themselves (test/e2e/workbench.ts).
 */
async function main(): Promise<number> {
  const dir = path.join(projectRoot, 'out', 'test', 'e2e');
  // OVHCLOUD_TEST_GREP narrows a run while developing, as mocha's --grep would.
  const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, reporter: 'spec', grep: process.env.OVHCLOUD_TEST_GREP || undefined });
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.e2e.js')).sort()) {
    mocha.addFile(path.join(dir, file));
  }
  return new Promise<number>((resolve) => mocha.run(resolve));
}

main().then(
  (failures) => process.exit(failures > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

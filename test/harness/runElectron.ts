import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from './paths';

/**
 * The desktop launcher: the same integration suite under @vscode/test-electron.
 * It downloads VS Code from Microsoft's servers unless VSCODE_EXECUTABLE_PATH points
 * at a local installation, so it needs either internet access or a desktop VS Code.
 * `npm test` uses the offline code-server launcher instead (runIntegration.ts).
 */
async function main(): Promise<void> {
  await runTests({
    version: '1.99.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: path.join(projectRoot, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { OVHCLOUD_TEST_MODE: 'development' },
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

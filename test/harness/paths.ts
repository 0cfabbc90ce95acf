import * as path from 'node:path';

/** The project root, whether this file runs from out/test/harness or test/harness. */
export const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

/** Git-ignored cache, the same idea as test-electron's .vscode-test/. */
export const cacheRoot = path.join(projectRoot, '.vscode-test');

/** Git-ignored folder for screenshots and logs from test runs. */
export const resultsRoot = path.join(projectRoot, 'test-results');

export const extensionId = 'renewalsdev.ovhcloud-renewals';

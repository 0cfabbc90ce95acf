import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { workbenchUrl } from './browser';
import { codeServerCli } from './codeServer';
import { clearRun } from './failureLog';
import { partSuffix } from './fileFilter';
import { projectRoot, resultsRoot } from './paths';
import { startSandboxProcess, type SandboxInfo } from './sandboxProcess';
import { openSession } from './session';

/**
 * Runs the mocha suite in out/test/integration inside the real extension host of
 * code-server (VS Code 1.99.3), the way @vscode/test-electron does on a desktop:
 * the workbench loads the extension under development plus extensionTestsPath and
 * reports the suite's exit code through window.codeAutomationExit.
 *
 *   node out/test/harness/runIntegration.js          # the development folder
 *   node out/test/harness/runIntegration.js --vsix   # the packaged ovhcloud-renewals.vsix
 */
const SUITE_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The workbench forwards every renderer console line, the suite's among them. These
 * are the workbench's own start-up chatter and the offline gallery lookup failing;
 * OVHCLOUD_TEST_VERBOSE=1 shows them anyway.
 */
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^ChatSessionStore:/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /getaddrinfo ENOTFOUND open-vsx\.org/,
];

function isWorkbenchNoise(text: string): boolean {
  return WORKBENCH_NOISE.some((pattern) => pattern.test(text));
}

async function main(): Promise<number> {
  const vsixMode = process.argv.includes('--vsix');
  const vsix = path.join(projectRoot, 'ovhcloud-renewals.vsix');
  if (vsixMode && !fs.existsSync(vsix)) {
    throw new Error(`${vsix} does not exist: run "npm run package" first.`);
  }
  const suite = path.join(projectRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(suite)) throw new Error(`${suite} does not exist: run "npm run compile-tests" first.`);
  const verbose = process.env.OVHCLOUD_TEST_VERBOSE === '1';
  const developmentPath = vsixMode ? path.join(projectRoot, 'test', 'fixtures', 'vsix-runner') : projectRoot;
  // One results folder per layer: test-results/integration, integration-nl, integration-vsix.
  const locale = process.env.OVHCLOUD_TEST_LOCALE || undefined;
  // OVHCLOUD_TEST_FILES (one part of the suite, see fileFilter.ts) gets a folder of its own.
  const layer = (vsixMode ? 'integration-vsix' : locale ? `integration-${locale}` : 'integration') + partSuffix();
  const resultsDir = path.join(resultsRoot, layer);
  clearRun(resultsDir);

  // The suite's OVH API: its own process, trusted by the extension host through
  // NODE_EXTRA_CA_CERTS only (never by disabling TLS checks).
  const sandbox = await startSandboxProcess(['--services', '40', '--seed', '7']);
  try {
    return await runSuite({ vsixMode, vsix, suite, verbose, developmentPath, sandbox: sandbox.info, locale, layer, resultsDir });
  } finally {
    await sandbox.stop();
  }
}

interface SuiteRun {
  readonly vsixMode: boolean;
  readonly vsix: string;
  readonly suite: string;
  readonly verbose: boolean;
  readonly developmentPath: string;
  readonly sandbox: SandboxInfo;
  readonly locale: string | undefined;
  readonly layer: string;
  readonly resultsDir: string;
}

async function runSuite({ vsixMode, vsix, suite, verbose, developmentPath, sandbox, locale, layer, resultsDir }: SuiteRun): Promise<number> {
  const session = await openSession({
    env: {
      OVHCLOUD_TEST_MODE: vsixMode ? 'vsix' : 'development',
      OVHCLOUD_TEST_SANDBOX: JSON.stringify(sandbox),
      NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
      // Where the suite writes results.json (see failureLog.ts).
      OVHCLOUD_TEST_RESULTS: resultsDir,
      OVHCLOUD_TEST_LAYER: layer,
    },
    verbose,
    // OVHCLOUD_TEST_LOCALE=nl runs the suite with VS Code in Dutch.
    locale,
    prepare: async ({ extensionsDir }) => {
      if (!vsixMode) return;
      process.stderr.write(`[integration] installing ${path.basename(vsix)}\n`);
      await codeServerCli(['--install-extension', vsix, '--extensions-dir', extensionsDir, '--force']);
    },
  });
  let code = 1;
  try {
    const exitCode = new Promise<number>((resolve) => {
      void session.page.exposeFunction('codeAutomationExit', (code: number) => resolve(Number(code)));
    });
    await session.page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!verbose && isWorkbenchNoise(text)) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    session.page.on('pageerror', (error) => process.stderr.write(`[workbench] ${error.message}\n`));
    const url = workbenchUrl(session.server.url, session.workspace, [
      ['extensionDevelopmentPath', developmentPath],
      ['extensionTestsPath', suite],
    ]);
    process.stderr.write(`[integration] ${vsixMode ? 'installed .vsix' : 'development folder'} in code-server at ${session.server.url}\n`);
    await session.page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.stderr.write(`[integration] the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s\n`);
        resolve(1);
      }, SUITE_TIMEOUT_MS);
    });
    code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    if (code !== 0) {
      // What the workbench showed at the end, and its logs: a failure is diagnosable from the files alone.
      fs.mkdirSync(resultsDir, { recursive: true });
      await session.page.screenshot({ path: path.join(resultsDir, 'workbench-at-exit.png') }).catch(() => undefined);
    }
    await session.dispose(code !== 0 ? { saveLogsTo: resultsDir } : undefined);
  }
}

main().then(
  (code) => {
    process.stderr.write(`[integration] suite exit code ${code}\n`);
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`[integration] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerCli, startCodeServer, type RunningCodeServer } from './codeServer';
import { projectRoot } from './paths';
import { startSandboxProcess, type SandboxProcess } from './sandboxProcess';

/**
 * `npm run demo`: the whole product without an OVHcloud account. It is built from
 * the test harness on purpose: the same offline VS Code (code-server) and the same
 * sandbox OVH API the tests use, so what you try is what is tested.
 *
 *   npm run demo                 # code-server with the packaged .vsix installed
 *   npm run demo -- --open       # …and open it in the default browser
 *   npm run demo -- --desktop    # desktop VS Code (`code` on PATH), extension in development mode
 */
const args = new Set(process.argv.slice(2));
const SERVICES = '40';
const SEED = '1';

function settingsFor(sandbox: SandboxProcess['info']): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    // The sandbox's CA reaches Node through NODE_EXTRA_CA_CERTS; VS Code's own
    // certificate loading would replace that list with the system store.
    'http.systemCertificates': false,
    'ovhcloud.customEndpoint.url': sandbox.url,
    'ovhcloud.customEndpoint.tokenUrl': sandbox.tokenUrl,
  };
}

function banner(where: string, sandbox: SandboxProcess['info']): string {
  return [
    '',
    '  OVHcloud Renewals demo',
    `  ${where}`,
    '',
    '  In VS Code: open the OVHcloud view (cloud icon), click "Sign In to OVHcloud", then',
    `    1. pick "Custom API URL…" (prefilled: ${sandbox.url})`,
    '    2. pick "I already have a consumer key" and paste:',
    `         application key     ${sandbox.applicationKey}`,
    `         application secret  ${sandbox.applicationSecret}`,
    `         consumer key        ${sandbox.consumerKey}`,
    '     or "OAuth2 service account":',
    `         token URL           ${sandbox.tokenUrl}`,
    `         client id           ${sandbox.clientId}`,
    `         client secret       ${sandbox.clientSecret}`,
    '',
    '  These are sandbox credentials for this demo only; no real money moves.',
    '  Press Ctrl+C to stop everything.',
    '',
  ].join('\n');
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'start' : 'xdg-open';
  spawn(opener, [url], { stdio: 'ignore', detached: true, shell: process.platform === 'win32' })
    .on('error', () => undefined)
    .unref();
}

async function main(): Promise<void> {
  const vsix = path.join(projectRoot, 'ovhcloud-renewals.vsix');
  const sandbox = await startSandboxProcess(['--services', SERVICES, '--seed', SEED]);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ovhcloud-renewals-demo-'));
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'workspace');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspace]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settingsFor(sandbox.info), null, 2));

  let server: RunningCodeServer | undefined;
  let stopping = false;
  const stop = async (code = 0): Promise<never> => {
    if (!stopping) {
      stopping = true;
      process.stdout.write('\nStopping the demo…\n');
      await server?.stop().catch(() => undefined);
      await sandbox.stop().catch(() => undefined);
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  try {
    if (args.has('--desktop')) {
      const code = process.env.VSCODE_EXECUTABLE_PATH || 'code';
      const result = spawnSync(
        code,
        ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--extensionDevelopmentPath', projectRoot, '--new-window', workspace],
        { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: sandbox.info.caCertPath } },
      );
      if (result.error)
        throw new Error(`Could not start desktop VS Code (${code}): ${result.error.message}. Put "code" on PATH or set VSCODE_EXECUTABLE_PATH.`);
      process.stdout.write(banner('Desktop VS Code is starting with the extension in development mode.', sandbox.info));
    } else {
      if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: "npm run demo" packages it first.`);
      process.stdout.write('Installing the packaged extension into the demo VS Code…\n');
      await codeServerCli(['--install-extension', vsix, '--extensions-dir', extensionsDir, '--force']);
      server = await startCodeServer({ userDataDir, extensionsDir, workspace, env: { NODE_EXTRA_CA_CERTS: sandbox.info.caCertPath } });
      const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
      process.stdout.write(banner(`Open ${url}`, sandbox.info));
      if (args.has('--open')) openInBrowser(url);
    }
    // Runs until Ctrl+C.
    await new Promise<never>(() => undefined);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
  }
}

void main();

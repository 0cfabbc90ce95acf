import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { registerLanguagePack } from './languagePack';

/** One code-server with fresh profile folders plus one headless Chromium, torn down together. */
export interface WorkbenchSession {
  readonly server: RunningCodeServer;
  readonly browser: Browser;
  readonly page: Page;
  readonly workspace: string;
  readonly extensionsDir: string;
  /** Closes both; with `saveLogsTo`, first copies the workbench's logs there (for a failed run). */
  dispose(options?: { saveLogsTo?: string }): Promise<void>;
}

export interface SessionOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Runs after the profile folders exist and before the server starts (e.g. to install a .vsix). */
  readonly prepare?: (dirs: { extensionsDir: string; userDataDir: string }) => Promise<void>;
  readonly verbose?: boolean;
  readonly locale?: string;
  /** A server certificate the browser accepts (the sandbox's, for its validation page). */
  readonly trustCertificate?: string;
}

export async function openSession(options: SessionOptions = {}): Promise<WorkbenchSession> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ovhcloud-renewals-test-'));
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'workspace');
  for (const dir of [userDataDir, extensionsDir, workspace]) fs.mkdirSync(dir, { recursive: true });
  // A quiet, predictable workbench: no welcome page, no release notes, no tips.
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'update.showReleaseNotes': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      // VS Code's network layer would replace Node's CA list (and with it the
      // sandbox CA from NODE_EXTRA_CA_CERTS) by the system store.
      'http.systemCertificates': false,
    }),
  );

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  // code-server's own output, kept for a failed run's logs even when not shown.
  const serverOutput: string[] = [];
  const onOutput = (line: string): void => {
    if (serverOutput.push(line) > 5000) serverOutput.shift();
    if (options.verbose) process.stderr.write(`[code-server] ${line}\n`);
  };
  const dispose = async ({ saveLogsTo }: { saveLogsTo?: string } = {}): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (saveLogsTo) saveLogs(userDataDir, serverOutput, saveLogsTo);
    if (!process.env.OVHCLOUD_KEEP_SCRATCH) fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    if (options.locale && options.locale !== 'en') registerLanguagePack(options.locale, userDataDir);
    await options.prepare?.({ extensionsDir, userDataDir });
    server = await startCodeServer({
      userDataDir,
      extensionsDir,
      workspace,
      env: options.env,
      locale: options.locale,
      onOutput,
    });
    browser = await launchBrowser({ trustCertificate: options.trustCertificate });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await throttleRenderer(page);
    return { server, browser, page, workspace, extensionsDir, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Copies what explains a failure out of the scratch folder before it is removed: the
 * workbench's logs (the extension's own log channel among them, under exthost*) and
 * code-server's output.
 */
function saveLogs(userDataDir: string, serverOutput: readonly string[], target: string): void {
  try {
    fs.mkdirSync(target, { recursive: true });
    const logs = path.join(userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(target, 'workbench-logs'), { recursive: true });
    fs.writeFileSync(path.join(target, 'code-server.log'), `${serverOutput.join('\n')}\n`);
  } catch (error) {
    process.stderr.write(`[session] could not save logs to ${target}: ${String(error)}\n`);
  }
}

/**
 * OVHCLOUD_TEST_CPU_THROTTLE=N slows the workbench's renderer N times (Chromium's own CPU
 * throttling, as in DevTools): events that cross from the workbench to the extension host
 * (SecretStorage echoes, tab and focus changes, webview messages) then arrive late, the
 * way they do on a loaded CI machine. A test that passes only when they are quick fails.
 * Every window of a run is throttled (a second window is its own renderer).
 */
export async function throttleRenderer(page: Page): Promise<void> {
  const rate = Number(process.env.OVHCLOUD_TEST_CPU_THROTTLE ?? '');
  if (!Number.isFinite(rate) || rate <= 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  process.stderr.write(`[session] workbench renderer CPU throttled ${rate}×\n`);
}

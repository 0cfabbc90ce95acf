import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { workbenchUrl } from '../harness/browser';
import { projectRoot, resultsRoot } from '../harness/paths';
import { startSandboxProcess, type SandboxInfo, type SandboxProcess } from '../harness/sandboxProcess';
import { openSession, type WorkbenchSession } from '../harness/session';

/**
 * One workbench shared by every E2E suite in a run: starting code-server and
 * Chromium costs seconds, and the suites only read or drive the UI.
 */
let current: WorkbenchSession | undefined;
let sandboxProcess: SandboxProcess | undefined;

/** The sandbox OVH API the workbench's extension host can reach (its CA is trusted there). */
export function sandbox(): SandboxInfo {
  if (!sandboxProcess) throw new Error('openWorkbench() has not run');
  return sandboxProcess.info;
}

export async function openWorkbench(): Promise<WorkbenchSession> {
  if (current) return current;
  // 127.0.0.2: code-server rewrites links to 127.0.0.1 (the validation page) into its port proxy.
  sandboxProcess = await startSandboxProcess(['--services', '40', '--seed', '7', '--host', '127.0.0.2']);
  const session = await openSession({
    verbose: process.env.OVHCLOUD_TEST_VERBOSE === '1',
    env: { NODE_EXTRA_CA_CERTS: sandboxProcess.info.caCertPath },
    trustCertificate: path.join(path.dirname(sandboxProcess.info.caCertPath), 'server.crt'),
  });
  current = session;
  const url = workbenchUrl(session.server.url, session.workspace, [['extensionDevelopmentPath', projectRoot]]);
  await session.page.goto(url);
  await session.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return session;
}

export async function closeWorkbench(): Promise<void> {
  await current?.dispose();
  current = undefined;
  await sandboxProcess?.stop();
  sandboxProcess = undefined;
}

export function page(): Page {
  if (!current) throw new Error('openWorkbench() has not run');
  return current.page;
}

/** Saves a PNG under test-results/e2e and returns its path. */
export async function screenshot(name: string): Promise<string> {
  const dir = path.join(resultsRoot, 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page().screenshot({ path: file });
  return file;
}

/** Runs a command through the palette by its full title, as a user would. */
export async function runFromPalette(title: string): Promise<void> {
  const p = page();
  await p.keyboard.press('F1');
  const input = p.locator('.quick-input-widget input.input[role="textbox"]');
  await input.waitFor();
  await input.fill(`>${title}`);
  await p.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await p.keyboard.press('Enter');
}

const quickInput = (): Locator => page().locator('.quick-input-widget .quick-input-box input');

/**
 * Switches the colour theme as a user does: "Preferences: Color Theme" from the palette
 * (clicking that exact entry: its neighbours browse the marketplace), then the theme.
 */
export async function setTheme(name: string, themeClass: 'vs' | 'vs-dark'): Promise<void> {
  await page().keyboard.press('F1');
  await quickInput().fill('>Preferences: Color Theme');
  await page().locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
  await page().locator('.quick-input-widget .quick-input-box input[placeholder^="Select Color Theme"]').waitFor();
  await quickInput().fill(name);
  await page().locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page().keyboard.press('Enter');
  await page().locator(`.monaco-workbench.${themeClass}`).waitFor({ timeout: 30_000 });
  await page().waitForTimeout(500);
}

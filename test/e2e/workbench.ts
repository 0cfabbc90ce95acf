import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { workbenchUrl } from '../harness/browser';
import { projectRoot, resultsRoot } from '../harness/paths';
import { startSandboxProcess, type SandboxInfo, type SandboxProcess } from '../harness/sandboxProcess';
import { openSession, throttleRenderer, type WorkbenchSession } from '../harness/session';
import { sandboxAdmin, type SandboxAdminMethod } from '../kit/sandboxClient';

/**
 * One workbench shared by every E2E suite in a run: starting code-server and
 * Chromium costs seconds, and the suites only read or drive the UI.
 */
let current: WorkbenchSession | undefined;
/** The workbench URL, to open more windows on the same server. */
let currentUrl: string | undefined;
/** The window the helpers below act in (inWindow); the first window otherwise. */
let active: Page | undefined;
let sandboxProcess: SandboxProcess | undefined;
/** Set by the runner after a failed test: closing the workbench then keeps its logs here. */
let logsTarget: string | undefined;

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
  currentUrl = url;
  await session.page.goto(url);
  await session.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return session;
}

export async function closeWorkbench(): Promise<void> {
  await current?.dispose(logsTarget ? { saveLogsTo: logsTarget } : undefined);
  if (current && logsTarget) process.stderr.write(`[e2e] workbench logs: ${path.relative(projectRoot, logsTarget)}\n`);
  current = undefined;
  active = undefined;
  await sandboxProcess?.stop();
  sandboxProcess = undefined;
}

export function page(): Page {
  if (!current) throw new Error('openWorkbench() has not run');
  return active ?? current.page;
}

/**
 * Opens a second workbench window on the same server and folder, as "New Window" does:
 * a second extension host that shares the first one's globalState, secrets and global
 * storage folder.
 */
export async function openAnotherWindow(): Promise<Page> {
  if (!current || !currentUrl) throw new Error('openWorkbench() has not run');
  const other = await current.page.context().newPage();
  await throttleRenderer(other);
  await other.goto(currentUrl);
  await other.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return other;
}

/** Runs the helpers of this module in another window (one at a time: they share `page()`). */
export async function inWindow<T>(window: Page, work: () => Promise<T>): Promise<T> {
  const previous = active;
  active = window;
  try {
    await window.bringToFront();
    return await work();
  } finally {
    active = previous;
  }
}

/** Calls the sandbox's control routes (no auth; never delayed or faulted). */
export function sandboxControl<T = unknown>(method: SandboxAdminMethod, route: string, body?: unknown): Promise<T> {
  return sandboxAdmin<T>(new URL(sandbox().url).origin, method, route, body);
}

export function keepLogsOnClose(target: string): void {
  logsTarget = target;
}

/** A picture of the workbench after a failed test, named after it (one per window); undefined when none is open. */
export async function failureScreenshot(title: string, resultsDir = path.join(resultsRoot, 'e2e')): Promise<string | undefined> {
  if (!current) return undefined;
  const dir = path.join(resultsDir, 'failures');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120));
  const windows = current.page
    .context()
    .pages()
    .filter((window) => window === current?.page || window.url() === currentUrl);
  for (const [index, window] of windows.entries())
    await window.screenshot({ path: index === 0 ? `${base}.png` : `${base}-window${index + 1}.png` }).catch(() => undefined);
  return `${base}.png`;
}

/** Resolves after the workbench has painted twice: a theme or layout change is on screen. */
export async function painted(): Promise<void> {
  await page().evaluate(() => {
    // The page's own function (tsconfig has no DOM types).
    const frame = (globalThis as unknown as { requestAnimationFrame(callback: () => void): void }).requestAnimationFrame;
    return new Promise<void>((resolve) => frame(() => frame(() => resolve())));
  });
}

/**
 * Polls a condition the page cannot express as one locator (several frames, a new tab,
 * an optional dialog): resolves with its first value other than undefined or false.
 */
export async function poll<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The tree's words for each named service now (its row's aria-label), and later a wait until
 * each of them reads otherwise: after a renewal the Services view reloads on its own, and a
 * picture taken before that shows the old expiry, or the new one, depending on the machine's
 * pace. A row the tree has not drawn (scrolled out) is not in the picture and is not waited for.
 */
export async function treeWords(names: readonly string[]): Promise<Map<string, string | undefined>> {
  const words = new Map<string, string | undefined>();
  for (const name of names)
    words.set(
      name,
      (await page()
        .locator(`.part.sidebar .monaco-list-row[aria-label^="${name}, "]`)
        .first()
        .getAttribute('aria-label', { timeout: 1_000 })
        .catch(() => null)) ?? undefined,
    );
  return words;
}

export async function untilTreeWordsChange(before: Map<string, string | undefined>): Promise<void> {
  for (const [name, words] of before) {
    if (words === undefined) continue;
    await poll(`the tree's new words for ${name} (were "${words}")`, async () => {
      const now = (await treeWords([name])).get(name);
      return now !== undefined && now !== words;
    });
  }
}

/**
 * Reloads the window as a user does ("Developer: Reload Window") and resolves once the
 * new workbench is up. The old page stays "loaded" until the navigation commits, so a
 * load-state wait alone can return at once with the old workbench and its frames.
 */
export async function reloadWindow(): Promise<void> {
  const p = page();
  const navigated = p.waitForEvent('framenavigated', { predicate: (frame) => frame === p.mainFrame(), timeout: 60_000 });
  await runFromPalette('Developer: Reload Window');
  await navigated;
  await p.waitForLoadState('load');
  await p.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
}

/**
 * The renew panel's frame: webviews are nested iframes, so look for our own markup
 * (optionally a more precise selector), in frames of the current page only. The default
 * wait is long: code-server gives every webview one service worker scope, and a webview
 * opened after another one closed waits about 10 s for its worker's controller change, which
 * beside a CPU hog and other builds took over 30 s (blank panels in the failure screenshots).
 */
export async function panelFrame(selector = 'main#app .panel', timeoutMs = 120_000): Promise<Frame> {
  return poll(
    `the renew panel webview (${selector})`,
    async () => {
      for (const frame of page().frames()) {
        if (frame.isDetached()) continue;
        if (
          await frame
            .locator(selector)
            .count()
            .catch(() => 0)
        )
          return frame;
      }
      return undefined;
    },
    timeoutMs,
  );
}

/**
 * Waits until the keyboard focus is inside `target` (a menu, a dialog): a key pressed
 * before that goes to whatever had the focus. Inside a shadow root (menus) the focused
 * element is the root's activeElement, not the document's.
 */
export async function focusWithin(target: Locator, what: string): Promise<void> {
  await poll(`${what} to take the keyboard`, () =>
    target
      .evaluate((element) => {
        const root = element.getRootNode() as unknown as { activeElement: unknown };
        return element.contains(root.activeElement as never);
      })
      .catch(() => false),
  );
}

/**
 * Runs an entry of the open context menu with the mouse, as a user does. The menu can
 * ignore a click that comes while it is still settling under the pointer that opened it:
 * point at the entry until the menu shows it focused, click, and click again only while
 * the menu is still open (an entry that ran closes the menu).
 */
export async function chooseMenuItem(entry: string): Promise<void> {
  // The open menu: the one that lists the entry (menus live in a shadow root).
  const menu = page()
    .locator('.monaco-menu')
    .filter({ has: page().locator('.action-menu-item', { hasText: entry }) })
    .first();
  const item = menu.locator('.action-item', { has: page().locator('.action-menu-item', { hasText: entry }) }).first();
  await item.waitFor();
  await poll(`the menu entry "${entry}" under the pointer`, async () => {
    await item.hover();
    return (await item.getAttribute('class'))?.split(/\s+/).includes('focused') ?? false;
  });
  await poll(`the menu entry "${entry}" to run`, async () => {
    if (!(await menu.isVisible())) return true;
    await item.click({ timeout: 2000 }).catch(() => undefined);
    return menu.waitFor({ state: 'detached', timeout: 2000 }).then(
      () => true,
      () => false,
    );
  });
  // The pointer still rests on the menu's row: its hover card would cover what comes next.
  await page().mouse.move(1, 1);
}

/** Saves a PNG under test-results/e2e and returns its path. */
export async function screenshot(name: string): Promise<string> {
  const dir = path.join(resultsRoot, 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await fontsLoaded();
  // Volatile boxes just before and just after: a toast can leave between the picture and the second look.
  const before = await volatileBoxes();
  await page().screenshot({ path: file });
  const boxes = [...before, ...(await volatileBoxes())];
  fs.writeFileSync(path.join(dir, `${name}.volatile.json`), `${JSON.stringify(boxes)}\n`);
  return file;
}

/** A box of the page, in the picture's pixels, and the selector that found it. */
interface VolatileBox {
  readonly selector: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * What of a picture changes from run to run whatever the code (issue 29's pixel comparison,
 * `scripts/compare-screenshots.mjs`): the status bar (the sandbox's port, counters still
 * settling), notification toasts (they come and go on their own clock), progress bars and
 * spinners. screenshot() writes their boxes beside the picture; the picture itself is untouched.
 */
async function volatileBoxes(): Promise<VolatileBox[]> {
  const boxesOf = (selectors: readonly string[]): string =>
    `${JSON.stringify(selectors)}.flatMap((selector) => [...document.querySelectorAll(selector)].map((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { selector, x: Math.floor(x), y: Math.floor(y), width: Math.ceil(width) + 1, height: Math.ceil(height) + 1 };
    }))`;
  const workbench = await page()
    .evaluate<VolatileBox[]>(
      boxesOf([
        '.part.statusbar',
        '.notifications-toasts .notification-toast',
        // A view's progress bar, running or fading out.
        '.monaco-progress-container',
        '.codicon-loading',
        // Hovers fade in on their own clock, and what they say can still be settling (the badge's count).
        '.workbench-hover-container',
        '.activitybar .action-item:hover',
        // A tree's indent guides and a view's title actions show while the mouse is over it.
        '.monaco-tl-indent',
        '.part.sidebar .title-actions',
        '.pane-header .actions',
        // The title bar's own icons (the chat one animates): the workbench's, none of ours.
        '.part.titlebar .titlebar-right',
      ]),
    )
    .catch(() => []);
  // A panel's spinner turns inside its webview: its box is the frame's, moved to the page.
  const inFrames = await Promise.all(
    page()
      .frames()
      .filter((frame) => frame !== page().mainFrame() && !frame.isDetached())
      .map(async (frame) => {
        const at = await (await frame.frameElement().catch(() => undefined))?.boundingBox().catch(() => null);
        if (!at) return [];
        const boxes = await frame.evaluate<VolatileBox[]>(boxesOf(['.codicon-modifier-spin'])).catch(() => []);
        return boxes.map((box) => ({ ...box, x: Math.floor(at.x + box.x), y: Math.floor(at.y + box.y) }));
      }),
  );
  return [...workbench, ...inFrames.flat()].filter((box) => box.width > 1 && box.height > 1);
}

/**
 * Waits until every frame has its fonts: a webview loads the codicon font only once an
 * icon is laid out, and a picture taken before that shows empty space where the icons go.
 * `fonts.load` starts the codicon font where the frame declares it (and answers at once
 * where it does not); `fonts.ready` covers the rest. No animation frame is awaited: a
 * hidden webview never gets one, and the screenshot itself waits for a fresh paint.
 */
async function fontsLoaded(): Promise<void> {
  await Promise.all(
    page()
      .frames()
      .filter((frame) => !frame.isDetached())
      .map((frame) =>
        frame
          .evaluate(`(async () => { await document.fonts.load('16px codicon'); await document.fonts.ready; })()`)
          // A frame torn down meanwhile (a panel closing) has nothing left to draw.
          .catch(() => undefined),
      ),
  );
}

/**
 * Opens the command palette with F1 and resolves with its input. A key pressed while a
 * webview has focus reaches the workbench only through the webview's own forwarding,
 * which can drop it while the webview re-renders: press again until the palette is up.
 */
async function openPalette(): Promise<Locator> {
  const input = page().locator('.quick-input-widget input.input[role="textbox"]');
  await poll('the command palette', async () => {
    // Another quick input (a pick left open) is not the palette: close it first.
    if ((await input.isVisible()) && !(await input.inputValue()).startsWith('>')) await page().keyboard.press('Escape');
    if (!(await input.isVisible())) await page().keyboard.press('F1');
    return input.waitFor({ timeout: 2000 }).then(
      async () => (await input.inputValue()).startsWith('>'),
      () => false,
    );
  });
  return input;
}

/** Runs a command through the palette by its full title, as a user would. */
export async function runFromPalette(title: string): Promise<void> {
  const p = page();
  const row = p.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // The palette lists the commands enabled when it opened: one whose "when" clause turns
  // true later (a window whose extension host is still starting) shows on reopening.
  await poll(
    `"${title}" in the command palette`,
    async () => {
      const input = await openPalette();
      // The palette closes when something else takes the focus (a notification, a webview).
      if (
        !(await input.fill(`>${title}`, { timeout: 2000 }).then(
          () => true,
          () => false,
        ))
      )
        return false;
      if (
        await row.waitFor({ timeout: 5000 }).then(
          () => true,
          () => false,
        )
      )
        return true;
      await p.keyboard.press('Escape');
      return false;
    },
    60_000,
  );
  await p.keyboard.press('Enter');
}

const quickInput = (): Locator => page().locator('.quick-input-widget .quick-input-box input');

/**
 * Switches the colour theme as a user does: "Preferences: Color Theme" from the palette
 * (clicking that exact entry: its neighbours browse the marketplace), then the theme.
 */
export async function setTheme(name: string, themeClass: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light'): Promise<void> {
  await (await openPalette()).fill('>Preferences: Color Theme');
  await page().locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
  await page().locator('.quick-input-widget .quick-input-box input[placeholder^="Select Color Theme"]').waitFor();
  await quickInput().fill(name);
  await page()
    .locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${name}`) })
    .first()
    .waitFor();
  await page().keyboard.press('Enter');
  await page().locator(`.monaco-workbench.${themeClass}`).waitFor({ timeout: 30_000 });
  // The quick pick closes when the theme is applied; then wait for it to be painted.
  await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await painted();
}

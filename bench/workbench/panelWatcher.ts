import type { Page } from 'playwright-core';

const POLL_MS = 15;

/**
 * Runs in every frame of the workbench. The renew panel's table lives in the
 * webview's inner iframe; "interactive" means its first strategy radio button
 * exists and is enabled. A MutationObserver installed on first sight records the
 * exact moment (Date.now() in the page) if the frame is seen before that.
 * A string, because the project compiles without the DOM library.
 */
const PROBE = `(() => {
  const ready = () => { const radio = document.querySelector('input[name=strategy]'); return radio !== null && !radio.disabled; };
  if (ready()) return window.__ovhBenchInteractiveAt || Date.now();
  if (!window.__ovhBenchObserver && document.documentElement) {
    window.__ovhBenchObserver = new MutationObserver(() => {
      if (!window.__ovhBenchInteractiveAt && ready()) window.__ovhBenchInteractiveAt = Date.now();
    });
    window.__ovhBenchObserver.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  }
  return 0;
})()`;

/**
 * code-server serves every webview from the workbench's own origin, and each
 * webview registers its service worker under the same scope with its own id in
 * the script URL. A webview created after an earlier one was closed then waits for
 * a controller change that comes after about 10 s, or never (seen here: blank
 * panels on the second open). Desktop VS Code gives each webview its own origin,
 * hence a fresh registration; unregistering the closed webviews' workers before
 * each open measures that same case.
 */
const FORGET_WEBVIEW_WORKERS = `navigator.serviceWorker.getRegistrations().then((registrations) =>
  Promise.all(registrations.filter((r) => r.scope.includes('/webview/browser/pre/')).map((r) => r.unregister())))`;

/**
 * Watches the real workbench for the renew panel becoming interactive. Armed by
 * the extension host right before it runs the command; the first poll that finds
 * the table answers with the time the table appeared (exact to the mutation when
 * the frame was seen before, otherwise to one poll, POLL_MS).
 */
export class PanelWatcher {
  private found: Promise<number | null> | undefined;
  private stopped = false;

  constructor(private readonly page: Page) {}

  async arm(): Promise<void> {
    this.stopped = false;
    await this.page.evaluate(FORGET_WEBVIEW_WORKERS);
    // Panels of earlier rounds are disposed; their frames must not answer.
    const stale = new Set(this.page.frames());
    this.found = this.poll(stale);
  }

  async wait(timeoutMs: number): Promise<number | null> {
    if (!this.found) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    const result = await Promise.race([this.found, timeout]);
    clearTimeout(timer);
    this.stopped = true;
    this.found = undefined;
    return result;
  }

  private async poll(stale: ReadonlySet<unknown>): Promise<number | null> {
    while (!this.stopped) {
      for (const frame of this.page.frames()) {
        if (stale.has(frame) || frame.isDetached()) continue;
        // A frame navigating away rejects: it simply has no table yet.
        const at = await frame.evaluate(PROBE).catch(() => 0);
        if (typeof at === 'number' && at > 0) return at;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return null;
  }
}

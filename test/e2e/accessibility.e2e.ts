import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { plainServicesRenewableAlone } from './sandboxServices';
import { signInThroughUi } from './signIn';
import {
  closeWorkbench,
  focusWithin,
  openWorkbench,
  page,
  panelFrame,
  runFromPalette,
  screenshot,
  setTheme,
  treeWords,
  untilTreeWordsChange,
} from './workbench';

/*
 * The renew panel for keyboard and screen-reader users, in VS Code's four default
 * themes: axe-core runs inside the panel's own document at each state, and the whole
 * journey is driven with the keyboard only, checking where focus lands after each step.
 */

const THEMES = [
  { name: 'Dark Modern', workbench: 'vs-dark', body: 'vscode-dark', slug: 'dark' },
  { name: 'Light Modern', workbench: 'vs', body: 'vscode-light', slug: 'light' },
  { name: 'Dark High Contrast', workbench: 'hc-black', body: 'vscode-high-contrast', slug: 'hc-dark' },
  { name: 'Light High Contrast', workbench: 'hc-light', body: 'vscode-high-contrast-light', slug: 'hc-light' },
] as const;

const widget = (): Locator => page().locator('.quick-input-widget');
const inputBox = (): Locator => widget().locator('.quick-input-box input');

/** The webview's own document (webviews are nested iframes): waits for frames to appear, no fixed sleep. */
async function focusedId(frame: Frame): Promise<string> {
  return frame.evaluate<string>(`document.activeElement ? document.activeElement.id : ''`);
}

async function expectFocus(frame: Frame, id: string, step: string): Promise<void> {
  await frame
    .waitForFunction(
      (wanted) => {
        // A function, not a string: the panel's CSP forbids eval.
        const doc = (globalThis as unknown as { document: { activeElement: { id: string } | null; hasFocus(): boolean } }).document;
        return doc.activeElement?.id === wanted && doc.hasFocus();
      },
      id,
      { timeout: 30_000, polling: 100 },
    )
    .catch(async () => {
      await screenshot(`a11y-focus-failure-${step.replace(/\W+/g, '-')}`);
      throw new Error(
        `after ${step}, focus is on "${await focusedId(frame)}" (document focused: ${String(await frame.evaluate('document.hasFocus()'))}), not on "${id}"`,
      );
    });
}

/** Presses Tab until `predicate` holds for the focused element (at most 12 presses). */
async function tabUntil(frame: Frame, what: string, predicate: string): Promise<void> {
  for (let presses = 0; presses < 12; presses++) {
    if (await frame.evaluate(`(() => { const el = document.activeElement; return Boolean(el && (${predicate})); })()`)) return;
    await page().keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}; focus is on "${await focusedId(frame)}"`);
}

/** A VS Code modal dialog, answered from the keyboard: Enter on its first (primary) button, or Escape. */
async function answerModal(key: 'Enter' | 'Escape', expected: RegExp): Promise<void> {
  const dialog = page().locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), expected);
  await focusWithin(dialog, 'the dialog');
  await page().keyboard.press(key);
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
}

suite('Renew panel accessibility: axe-core and a keyboard-only journey in the four default themes (Playwright)', function () {
  this.timeout(600_000);
  let services: string[] = [];

  suiteSetup(async () => {
    await openWorkbench();
    // The extension activates when its view is first shown.
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await page().locator('.part.sidebar .welcome-view-content').first().waitFor({ timeout: 60_000 });
    await signInThroughUi();
    services = (await plainServicesRenewableAlone()).map((service) => service.displayName);
    assert.ok(services.length >= THEMES.length, `one renewable service per theme (${services.length})`);
  });
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  THEMES.forEach((theme, index) => {
    test(`${theme.name}: 0 axe violations at comparison, preview, order and paid; focus follows each step`, async () => {
      // Each theme starts from no editor: a panel left by an earlier test is not this one.
      await runFromPalette('View: Close All Editors');
      await setTheme(theme.name, theme.workbench);
      const service = services[index];
      await runFromPalette('OVHcloud: Compare Renew Strategies…');
      await inputBox().fill(service);
      await widget().locator('.quick-input-list .monaco-list-row', { hasText: service }).first().waitFor({ timeout: 30_000 });
      await page().keyboard.press('Enter');
      const frame = await panelFrame();
      await frame.locator('input[name=strategy]').first().waitFor({ timeout: 30_000 });
      await frame.locator(`body.${theme.body}`).waitFor();
      await expectNoAxeViolations(frame, 'comparison', theme.slug);
      await screenshot(`a11y-${theme.slug}-comparison`);

      // Keyboard only from here: into the table, choose an option, preview.
      await frame.locator('main#app').focus();
      await tabUntil(frame, 'a renewal option', `el.getAttribute('name') === 'strategy'`);
      await page().keyboard.press('Space');
      // Checked at once by the browser; Tab only once the host's answer has been drawn (the
      // row marked selected), or the redraw lands between two presses.
      await frame.locator('tr.selected input[name=strategy]:checked').waitFor();
      await tabUntil(frame, '"Preview order"', `el.id === 'preview'`);
      await page().keyboard.press('Enter');
      await expectFocus(frame, 'place-order', '"Preview order"');
      await expectNoAxeViolations(frame, 'preview', theme.slug);
      await screenshot(`a11y-${theme.slug}-preview`);

      // The tree's words before any order: the unpaid-order mark comes and goes before the renewal shows.
      const treeBefore = await treeWords([service]);
      await page().keyboard.press('Enter');
      await answerModal('Enter', /Amount with tax: /);
      // Focus lands on the chosen payment method: the methods, then "Pay…", follow forward.
      const chosen = frame.locator('input[name=payment]:checked');
      await chosen.waitFor();
      await expectFocus(frame, (await chosen.getAttribute('id')) ?? 'the chosen payment method', 'placing the order');
      await frame.locator('.buying').waitFor();
      await expectNoAxeViolations(frame, 'order', theme.slug);
      await screenshot(`a11y-${theme.slug}-order`);

      await tabUntil(frame, '"Pay…", forward from the payment method', `el.id === 'pay'`);
      await page().keyboard.press('Enter');
      await answerModal('Escape', /Pay the renewal of |Pay order /);
      await expectFocus(frame, 'pay', 'Escape on the pay dialog');

      await page().keyboard.press('Enter');
      await answerModal('Enter', /Pay the renewal of |Pay order /);
      await frame.locator('#result').waitFor({ timeout: 60_000 });
      await untilTreeWordsChange(treeBefore);
      await expectFocus(frame, 'result', 'paying (delivered)');
      assert.match(await frame.locator('#announcer').innerText(), /^Renewed\. New expiry: /);
      await expectNoAxeViolations(frame, 'paid', theme.slug);
      await screenshot(`a11y-${theme.slug}-paid`);
      await runFromPalette('View: Close All Editors');
    });
  });
});

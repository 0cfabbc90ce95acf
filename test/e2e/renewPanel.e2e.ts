import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { resultsRoot } from '../harness/paths';
import type { ServiceSummary } from '../../src/ovh';
import { PANEL_STRINGS } from '../../src/protocol/renewPanel';
import { renewableServices } from './sandboxServices';
import {
  chooseMenuItem,
  closeWorkbench,
  openWorkbench,
  page,
  panelFrame,
  poll,
  reloadWindow,
  runFromPalette,
  sandbox,
  sandboxControl,
  screenshot,
  setTheme,
} from './workbench';

const widget = (): Locator => page().locator('.quick-input-widget');
const inputBox = (): Locator => widget().locator('.quick-input-box input');
const sidebar = (): Locator => page().locator('.part.sidebar');

async function pick(label: string): Promise<void> {
  await widget().locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30_000 });
  await inputBox().fill(label);
  await widget().locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  await page().keyboard.press('Enter');
}

async function type(prompt: string, value: string): Promise<void> {
  const message = widget().locator('.quick-input-message', { hasText: prompt });
  await message.waitFor({ timeout: 30_000 });
  await inputBox().fill(value);
  await page().keyboard.press('Enter');
  // The next step reuses the widget: wait until this prompt has gone.
  await message.waitFor({ state: 'hidden', timeout: 30_000 });
}

/** Renewable services of the sandbox account with printable names. */
const renewable = (): Promise<ServiceSummary[]> =>
  renewableServices(
    (service) => service.parentServiceId === undefined && /^[\x20-\x7e]+$/.test(service.displayName),
    (descriptions) => descriptions.some((d) => d.strategies.length > 0),
  );

async function confirmModal(button: string, shot: string): Promise<void> {
  const dialog = page().locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), /Amount with tax: /);
  await screenshot(shot);
  await dialog.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
}

async function renewThroughUi(service: { displayName: string }, theme: string): Promise<void> {
  // Narrow the tree to the service, then use its context menu.
  await runFromPalette('OVHcloud: Filter Services…');
  await page().locator('.quick-input-widget .quick-input-box input[placeholder^="Type part of a name or id"]').waitFor();
  await inputBox().fill(service.displayName);
  await page().keyboard.press('Enter');
  // A right-click on a row the filter is about to replace runs the command without its
  // target (the tree no longer knows the row): wait until the tree shows only the match.
  await poll('the tree to show only the filtered service', async () => {
    const labels = await sidebar()
      .locator('.monaco-list-row[aria-level="2"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    return labels.length > 0 && labels.every((label) => label.startsWith(`${service.displayName}, `));
  });
  // By what screen readers hear: the visible label may be shortened to keep the expiry in view.
  const row = sidebar().locator(`.monaco-list-row[aria-label^="${service.displayName}, "]`).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click({ button: 'right' });
  await chooseMenuItem('Compare Renew Strategies');

  const frame = await panelFrame();
  await frame
    .locator('input[name=strategy]')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(async (error: unknown) => {
      await screenshot(`panel-failure-${theme}`);
      throw error;
    });
  await frame.locator('td', { hasText: /\d{4}/ }).first().waitFor();
  await screenshot(`panel-compare-${theme}`);
  await frame.locator('input[name=strategy]').first().check();
  await frame.locator('#preview').click();
  await frame.locator('#preview-total').waitFor({ timeout: 30_000 });
  await screenshot(`panel-preview-${theme}`);

  await frame.locator('#place-order').click();
  await confirmModal('Place Order', `panel-confirm-order-${theme}`);
  await frame.locator('fieldset.payment input[name=payment]:checked').waitFor({ timeout: 30_000 });
  await screenshot(`panel-ordered-${theme}`);

  await frame.locator('#pay').click();
  await confirmModal('Pay', `panel-confirm-pay-${theme}`);
  const success = frame.locator('.success', { hasText: 'Renewed' });
  await success.waitFor({ timeout: 60_000 });
  await screenshot(`panel-delivered-${theme}`);
  // The tree reloads after a renewal: wait until it shows the new expiry (compact form), so
  // the next right-click meets a settled tree, and the user sees what the panel promised.
  const promised = /New expiry: (.+?)\.?$/.exec((await success.innerText()).trim())?.[1];
  assert.ok(promised, 'the result states the new expiry');
  const compact = new Date(`${promised} 12:00 UTC`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  await sidebar().locator(`.monaco-list-row[aria-label^="${service.displayName}, "]`, { hasText: compact }).first().waitFor({ timeout: 30_000 });
  await runFromPalette('OVHcloud: Clear Services Filter');
  await runFromPalette('View: Close All Editors');
}

suite('Sign-in with a new consumer key, then renew from the tree (Playwright)', function () {
  this.timeout(300_000);

  suiteSetup(async () => {
    await openWorkbench();
  });
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  test('sign in: welcome button, quick picks, input boxes, then approval on the validation page in a browser tab', async () => {
    const info = sandbox();
    await page().locator('.activitybar [aria-label^="OVHcloud"]').first().click();
    const welcome = sidebar().locator('.welcome-view-content');
    await welcome.locator('a, .monaco-button', { hasText: 'Sign In to OVHcloud' }).first().click();
    await pick('Custom API URL…');
    await type('API base URL', info.url);
    await pick('Application key and secret: create a consumer key for me');
    await type('Application key', info.applicationKey);
    let opened: Page | undefined;
    page()
      .context()
      .once('page', (tab) => (opened = tab));
    await type('Application secret', info.applicationSecret);
    // VS Code may ask before opening an external website: the user agrees.
    const openDialog = page().locator('.monaco-dialog-box', { hasText: /external website/i });
    const validation: Page = await poll('the validation page in a browser tab', async () => {
      if (!opened && (await openDialog.isVisible())) await openDialog.locator('.monaco-button', { hasText: /^Open$/ }).click();
      return opened;
    });
    await validation.waitForLoadState();
    assert.match(validation.url(), /\/auth\/\?credentialToken=/);
    await validation.locator('button[value="authorize"], button:has-text("Authorize")').first().waitFor();
    await validation.screenshot({ path: path.join(resultsRoot, 'e2e', 'sign-in-validation-page.png') });
    await validation.locator('button[value="authorize"], button:has-text("Authorize")').first().click();
    await page().bringToFront();
    await page().locator('.notifications-toasts', { hasText: 'Signed in to OVHcloud as' }).waitFor({ timeout: 30_000 });
    // The picture shows the services listed: the activity bar's count comes with them, a moment after the toast.
    await page().locator('.activitybar .action-item:has([aria-label^="OVHcloud"]) .badge-content').first().waitFor({ timeout: 30_000 });
    await screenshot('signed-in');
  });

  test('renew from the tree: compare, preview, confirm, order, pay, delivered — dark and light', async () => {
    const services = await renewable();
    assert.ok(services.length >= 2, 'two renewable services, one per theme');
    await setTheme('Dark Modern', 'vs-dark');
    await renewThroughUi(services[0], 'dark');
    await setTheme('Light Modern', 'vs');
    await renewThroughUi(services[1], 'light');
  });

  test('a new panel is never drawn without its texts (the state posted while it loads arrives before "init")', async () => {
    // Every repaint of #app in every webview frame is recorded from the frame's first script on:
    // a panel drawn before its texts would show keys such as "renewSettings" for a moment.
    // (Source text: it runs in the frames, which the tests' Node types know nothing of.)
    await page().addInitScript(`{
      const replace = Element.prototype.replaceChildren;
      const drawn = (window.ovhcloudDrawn = []);
      Element.prototype.replaceChildren = function (...nodes) {
        replace.apply(this, nodes);
        if (this.id === 'app') drawn.push(this.textContent ?? '');
      };
    }`);
    const [service] = await renewable();
    // The options are held in the sandbox until the loading state has been drawn: on a busy
    // machine the first paint could otherwise already carry them, and the order checked here
    // would be left to chance. Every service's: the quick pick's first match for the name may be
    // another service of that name (a domain and its hosting share it).
    const hold = await sandboxControl<{ id: number }>('POST', 'holds', { method: 'GET', path: '/service/*/renew' });
    let frame: Frame;
    try {
      await runFromPalette('OVHcloud: Compare Renew Strategies…');
      await inputBox().fill(service.displayName);
      await widget().locator('.quick-input-list .monaco-list-row', { hasText: service.displayName }).first().waitFor();
      await page().keyboard.press('Enter');
      frame = await panelFrame('main#app .panel p.loading');
      await poll('the renew options request held in the sandbox', async () => {
        const holds = await sandboxControl<{ id: number; waiting: number }[]>('GET', 'holds');
        return holds.some((rule) => rule.id === hold.id && rule.waiting > 0);
      });
    } finally {
      await sandboxControl('DELETE', `holds/${hold.id}`);
    }
    await frame.locator(`h1:has-text("${service.displayName}")`).first().waitFor({ timeout: 30_000 });
    await frame.locator('input[name=strategy]').first().waitFor({ timeout: 30_000 });
    const drawn = await frame.evaluate<string[]>('window.ovhcloudDrawn ?? []');
    assert.ok(drawn.length >= 2, `the loading state and the options were both drawn (${drawn.length} repaints recorded)`);
    // The header's button is on every repaint; keys with a capital never occur in English text.
    const keys = Object.keys(PANEL_STRINGS).filter((key) => /[A-Z]/.test(key));
    for (const [index, text] of drawn.entries()) {
      assert.ok(text.includes(PANEL_STRINGS.renewSettings), `repaint ${index} shows its texts: ${text.slice(0, 120)}`);
      assert.deepEqual(
        keys.filter((key) => new RegExp(`\\b${key}\\b`).test(text)),
        [],
        `repaint ${index} shows no raw key`,
      );
    }
    await runFromPalette('View: Close All Editors');
  });

  test('a reload of the window brings the open panel back (WebviewPanelSerializer)', async () => {
    const [service] = await renewable();
    await runFromPalette('OVHcloud: Compare Renew Strategies…');
    await inputBox().fill(service.displayName);
    await widget().locator('.quick-input-list .monaco-list-row', { hasText: service.displayName }).first().waitFor();
    await page().keyboard.press('Enter');
    await (await panelFrame()).locator('input[name=strategy]').first().waitFor({ timeout: 30_000 });
    await reloadWindow();
    // Only frames of the new workbench count: the restored panel shows the service and its options.
    const restored = await panelFrame('main#app .panel input[name=strategy]', 120_000);
    assert.equal(await restored.locator('h1', { hasText: service.displayName }).count(), 1, 'the restored panel is the same service');
    await screenshot('panel-restored-after-reload');
    await runFromPalette('View: Close All Editors');
  });
});

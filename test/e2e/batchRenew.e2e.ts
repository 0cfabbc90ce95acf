import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { renewableServices } from './sandboxServices';
import { signInThroughUi } from './signIn';
import {
  chooseMenuItem,
  closeWorkbench,
  openWorkbench,
  page,
  painted,
  panelFrame,
  poll,
  runFromPalette,
  sandboxControl,
  screenshot,
  setTheme,
  treeWords,
  untilTreeWordsChange,
} from './workbench';

const sidebar = (): Locator => page().locator('.part.sidebar');

/** Services OVH renews alone (a strategy naming only them), with plain names for the selectors. */
async function renewableAlone(): Promise<Set<string>> {
  const services = await renewableServices(
    (s) => s.parentServiceId === undefined && s.lifecycleState !== 'terminated' && /^[\x20-\x7e]+$/.test(s.displayName),
    (descriptions, service) =>
      descriptions.some((d) => d.strategies.some((strategy) => strategy.services.length === 1 && strategy.services[0] === service.serviceId)),
  );
  return new Set(services.map((service) => service.displayName));
}

/** The sandbox's record of every order and payment (its admin route, outside the API). */
function ledger(): Promise<{ orders: unknown[]; payments: unknown[] }> {
  return sandboxControl('GET', 'ledger');
}

async function confirmModal(title: RegExp, button: string, shot: string): Promise<void> {
  const dialog = page().locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  const text = await dialog.innerText();
  assert.match(text, title);
  assert.match(text, /Total with tax: /);
  await screenshot(shot);
  await dialog.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
  await dialog.waitFor({ state: 'hidden' });
}

suite('Batch renewal from a tree multi-selection (Playwright)', function () {
  this.timeout(300_000);

  suiteSetup(async () => {
    await openWorkbench();
  });
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  test('Ctrl/Cmd-click 3 services, renew them through both confirmations, see the result table; the ledger has 3 orders and 3 payments', async () => {
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await signInThroughUi();
    const renewable = await renewableAlone();
    await runFromPalette('OVHcloud: Show Services Without Groups');
    // The expiry notification would cover the panel in the README's pictures.
    await runFromPalette('Notifications: Clear All Notifications');
    await setTheme('Dark Modern', 'vs-dark');

    // The first three renewable services the tree shows, soonest expiry first. Top-level rows
    // only, the tree drawn without groups: the grouped one can still be on screen after the
    // palette closes, and a selection made in it is lost when it is replaced.
    const rows = sidebar().locator('.monaco-list-row[aria-level="1"][aria-label]');
    const chosen = await poll('three renewable services in the tree', async () => {
      const labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
      const names = labels.map((label) => [...renewable].find((name) => label.startsWith(`${name}, `))).filter((name): name is string => name !== undefined);
      // A domain and its hosting often share a name: keep names that label one row only.
      const unique = names.filter((name) => labels.filter((label) => label.startsWith(`${name}, `)).length === 1);
      return unique.length >= 3 && unique.slice(0, 3);
    });
    const rowOf = (name: string): Locator => sidebar().locator(`.monaco-list-row[aria-level="1"][aria-label^="${name}, "]`).first();
    await rowOf(chosen[0] as string).click();
    await rowOf(chosen[1] as string).click({ modifiers: ['ControlOrMeta'] });
    await rowOf(chosen[2] as string).click({ modifiers: ['ControlOrMeta'] });
    await poll('three selected rows', async () => (await sidebar().locator('.monaco-list-row.selected').count()) === 3);
    await rowOf(chosen[2] as string).click({ button: 'right' });
    await chooseMenuItem('Renew Selected Services…');

    const frame = await panelFrame('main#app .batch table.rows');
    await frame.locator('tr.row.status-ready').nth(2).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('tr.row').count(), 3);
    await frame.locator('#previewAll:not([disabled])').click();
    await frame.locator('#placeOrders:not([disabled])').waitFor({ timeout: 60_000 });
    await frame.locator('#total').waitFor();
    await screenshot('batch-preview-dark');
    // The tree's words before any order: the unpaid-order marks come and go before the renewals show.
    const treeBefore = await treeWords(chosen);
    await frame.locator('#placeOrders').click();
    await confirmModal(/Place 3 renewal orders\?/, 'Place Orders', 'batch-confirm-orders-dark');

    await frame.locator('#payAll:not([disabled])').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('tr.row.status-ordered').count(), 3);
    await frame.locator('#payAll').click();
    await confirmModal(/Pay 3 orders\?/, 'Pay All', 'batch-confirm-pay-dark');
    await frame.locator('tr.row.status-delivered').nth(2).waitFor({ timeout: 120_000 });
    await untilTreeWordsChange(treeBefore);
    await page().mouse.move(1, 1);
    await screenshot('batch-result-dark');

    const book = await ledger();
    assert.equal(book.orders.length, 3);
    assert.equal(book.payments.length, 3);

    await setTheme('Light Modern', 'vs');
    await (await panelFrame('main#app .batch tr.row.status-delivered')).locator('tr.row.status-delivered').nth(2).waitFor();
    await painted();
    await screenshot('batch-result-light');
  });
});

import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import type { ServiceSummary } from '../../src/ovh';
import { plainServicesRenewableAlone } from './sandboxServices';
import { signInThroughUi } from './signIn';
import {
  chooseMenuItem,
  closeWorkbench,
  inWindow,
  openAnotherWindow,
  openWorkbench,
  page,
  panelFrame,
  poll,
  runFromPalette,
  sandboxControl,
  screenshot,
  treeWords,
  untilTreeWordsChange,
} from './workbench';

/**
 * Two workbench windows on one code-server: two extension hosts sharing globalState, the
 * secrets and the global storage folder, signed in to the same account. The sandbox
 * answers the order and payment POSTs slowly, so the second window acts while the first
 * one's request is on the wire. Whatever the timing, the sandbox's ledger must show one
 * order per intent and at most one payment request, and both windows must end showing
 * the same order in the same state.
 */

interface Ledger {
  readonly orders: ReadonlyArray<{ readonly orderId: number; readonly services: readonly number[] }>;
  readonly payments: ReadonlyArray<{ readonly orderId: number }>;
}

/** Long enough for the other window to act while the request is on the server. */
const ORDER_POST_MS = 4000;
const PAY_POST_MS = 3000;

type Service = Pick<ServiceSummary, 'serviceId' | 'displayName'>;

/** Opens the renew panel of a service in a window, from the palette, and waits for its heading. */
async function openPanel(window: Page, service: Service): Promise<Frame> {
  return inWindow(window, async () => {
    await runFromPalette('View: Close All Editors');
    await runFromPalette('OVHcloud: Compare Renew Strategies…');
    const widget = page().locator('.quick-input-widget');
    await widget.locator('.quick-input-box input').fill(service.displayName);
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: service.displayName }).first().waitFor({ timeout: 30_000 });
    await page().keyboard.press('Enter');
    // Its options, or the order the journal knows for it.
    const frame = await panelFrame(`main#app .panel h1:has-text("${service.displayName}")`, 60_000);
    await frame.locator('input[name=strategy], #order-title').first().waitFor({ timeout: 60_000 });
    return frame;
  });
}

/** Chooses the panel's first option and previews it: both windows then hold the same intent. */
async function preview(frame: Frame): Promise<void> {
  await frame.locator('input[name=strategy]').first().check();
  await frame.locator('#preview').click();
  await frame.locator('#preview-total').waitFor({ timeout: 30_000 });
  await frame.locator('#place-order:not([disabled])').waitFor();
}

const dialogOf = (window: Page) => window.locator('.monaco-dialog-box');
const dialogButton = (window: Page, label: string) => dialogOf(window).locator('.monaco-button', { hasText: new RegExp(`^${label}$`) });

/** Until the panel shows an order: its title ("Order 123"), with the state of its payment. */
async function shownOrder(frame: Frame, what: string, timeoutMs = 90_000): Promise<string> {
  const title = frame.locator('#order-title');
  await title.waitFor({ timeout: timeoutMs }).catch((error: unknown) => {
    throw new Error(`${what}: no order shown (${String(error)})`);
  });
  return (await title.innerText()).trim();
}

/** The ledger's orders for a service, and the payment requests the sandbox received so far. */
async function countsFor(service: Service): Promise<{ orders: number[]; payments: number; payRequests: number }> {
  const ledger = await sandboxControl<Ledger>('GET', 'ledger');
  const { counts } = await sandboxControl<{ counts: Record<string, number> }>('GET', 'requests');
  const orders = ledger.orders.filter((order) => order.services.includes(service.serviceId)).map((order) => order.orderId);
  return {
    orders,
    payments: ledger.payments.filter((payment) => orders.includes(payment.orderId)).length,
    payRequests: (counts['POST /me/order/{orderId}/pay'] ?? 0) + (counts['POST /me/order/{orderId}/payWithRegisteredPaymentMean'] ?? 0),
  };
}

/**
 * A window that pressed "Place order…" or "Pay…" while the other window acted: it either
 * hears at once that the other window is busy, or opens its own modal, which the user
 * confirms. Resolves once one of the two happened.
 */
async function confirmIfAsked(window: Page, frame: Frame, action: string): Promise<'confirmed' | 'toldBusy' | 'shown'> {
  return poll(`window B to ask or to say the other window is busy (${action})`, async () => {
    if (await dialogOf(window).isVisible()) {
      await dialogButton(window, action).click();
      return 'confirmed';
    }
    if (await frame.locator('.notice', { hasText: 'being placed in another window' }).count()) return 'toldBusy';
    if (action === 'Place Order' && (await frame.locator('#order-title').count())) return 'shown';
    return undefined;
  });
}

suite('Two windows, one account: one order and one payment per intent (Playwright)', function () {
  this.timeout(300_000);
  let windowA: Page;
  let windowB: Page;
  let services: Service[];

  suiteSetup(async () => {
    await openWorkbench();
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await page().locator('.part.sidebar .welcome-view-content').first().waitFor({ timeout: 60_000 });
    await signInThroughUi();
    services = await plainServicesRenewableAlone();
    assert.ok(services.length >= 5, `five renewable services (${services.length})`);
    windowA = page();
    windowB = await openAnotherWindow();
  });
  teardown(async () => {
    await sandboxControl('DELETE', 'latency');
  });
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  test('(a) "Place order…" in B within 100 ms of A confirming its modal: one order, and B shows it too', async () => {
    const service = services[0];
    const a = await openPanel(windowA, service);
    const b = await openPanel(windowB, service);
    await preview(a);
    await preview(b);
    await sandboxControl('POST', 'latency', { ms: ORDER_POST_MS, method: 'POST', path: '/service/*/renew' });

    await a.locator('#place-order').click();
    await dialogButton(windowA, 'Place Order').click();
    const confirmedAt = Date.now();
    // A synthetic click: no actionability wait, so B's press follows A's confirmation at once.
    await b.locator('#place-order').dispatchEvent('click');
    const gapMs = Date.now() - confirmedAt;
    process.stderr.write(`[two windows] B pressed "Place order…" ${gapMs} ms after A confirmed\n`);
    const inB = await confirmIfAsked(windowB, b, 'Place Order');

    const shownInA = await shownOrder(a, 'window A');
    const shownInB = await shownOrder(b, `window B (${inB})`);
    await inWindow(windowB, () => screenshot('two-windows-a-window-b'));
    assert.equal(shownInB, shownInA, 'both windows show the same order');
    const { orders } = await countsFor(service);
    assert.equal(orders.length, 1, `exactly one order in the ledger (${orders.join(', ')}); B ${inB}, ${gapMs} ms after A`);
    assert.equal(shownInA, `Order ${orders[0]}`);
    for (const frame of [a, b]) await frame.locator('fieldset.payment #pay').waitFor();
  });

  test('(b) both modals open first, then both confirmed: one order, both windows show it', async () => {
    const service = services[1];
    const a = await openPanel(windowA, service);
    const b = await openPanel(windowB, service);
    await preview(a);
    await preview(b);
    await sandboxControl('POST', 'latency', { ms: ORDER_POST_MS, method: 'POST', path: '/service/*/renew' });

    await a.locator('#place-order').click();
    await b.locator('#place-order').click();
    await dialogOf(windowA).waitFor();
    await dialogOf(windowB).waitFor();
    await dialogButton(windowA, 'Place Order').click();
    await dialogButton(windowB, 'Place Order').click();

    const shownInA = await shownOrder(a, 'window A');
    const shownInB = await shownOrder(b, 'window B');
    assert.equal(shownInB, shownInA, 'both windows show the same order');
    const { orders } = await countsFor(service);
    assert.equal(orders.length, 1, `exactly one order in the ledger (${orders.join(', ')})`);
    for (const frame of [a, b]) await frame.locator('fieldset.payment #pay').waitFor();
  });

  test('(d) a batch in B and the single panel in A order the same service at once: one order for it, the batch orders the other', async () => {
    const [shared, other] = [services[3], services[4]] as [Service, Service];
    const a = await openPanel(windowA, shared);
    await preview(a);
    // In B, both services selected in the tree, renewed together from its context menu.
    const batch = await inWindow(windowB, async () => {
      await runFromPalette('View: Close All Editors');
      await runFromPalette('OVHcloud: Show Services Without Groups');
      const sidebar = page().locator('.part.sidebar');
      // Top-level rows only, the tree drawn without groups: the grouped one can still be on
      // screen after the palette closes, and a selection made in it is lost when it is replaced.
      const rowOf = (service: Service) => sidebar.locator(`.monaco-list-row[aria-level="1"][aria-label^="${service.displayName}, "]`).first();
      await rowOf(shared).waitFor({ timeout: 60_000 });
      // The tree may repaint between the two clicks (the journal folder is watched): select again until both hold.
      await poll('two selected rows', async () => {
        await rowOf(shared).click();
        await rowOf(other).click({ modifiers: ['ControlOrMeta'] });
        return (await sidebar.locator('.monaco-list-row.selected').count()) === 2;
      });
      await rowOf(other).click({ button: 'right' });
      await chooseMenuItem('Renew Selected Services…');
      const frame = await panelFrame('main#app .batch table.rows', 60_000);
      await frame.locator('tr.row.status-ready').nth(1).waitFor({ timeout: 60_000 });
      await frame.locator('#previewAll:not([disabled])').click();
      await frame.locator('#placeOrders:not([disabled])').waitFor({ timeout: 60_000 });
      return frame;
    });
    await sandboxControl('POST', 'latency', { ms: ORDER_POST_MS, method: 'POST', path: '/service/*/renew' });

    // The batch confirms first; while its first order is on the wire, A confirms its own.
    await batch.locator('#placeOrders').click();
    await dialogOf(windowB).waitFor();
    await dialogButton(windowB, 'Place Orders').click();
    await a.locator('#place-order').click();
    const inA = await confirmIfAsked(windowA, a, 'Place Order');

    await batch.locator('tr.row.status-ordered, tr.row.status-elsewhere').nth(1).waitFor({ timeout: 120_000 });
    await shownOrder(a, `window A (${inA})`);
    await inWindow(windowB, () => screenshot('two-windows-d-batch'));
    const sharedOrders = (await countsFor(shared)).orders;
    const otherOrders = (await countsFor(other)).orders;
    assert.equal(sharedOrders.length, 1, `exactly one order for ${shared.displayName} (${sharedOrders.join(', ')}); A ${inA}`);
    assert.equal(otherOrders.length, 1, `the batch ordered ${other.displayName} once`);
  });

  test('(c) "Pay…" in both windows: one payment request, both windows end showing the order renewed', async () => {
    const service = services[2];
    // B's tree before any order: B reloads its listing once its panel sees the renewal, and its picture waits for that.
    const treeBefore = await inWindow(windowB, () => treeWords([service.displayName]));
    const a = await openPanel(windowA, service);
    await preview(a);
    await a.locator('#place-order').click();
    await dialogButton(windowA, 'Place Order').click();
    const ordered = await shownOrder(a, 'window A');
    // B opens on the same service: the journal shows it A's unpaid order, with Pay.
    const b = await openPanel(windowB, service);
    assert.equal(await shownOrder(b, 'window B'), ordered);
    for (const frame of [a, b]) await frame.locator('fieldset.payment input[name=payment]:checked').waitFor({ timeout: 30_000 });
    const before = await countsFor(service);
    assert.deepEqual([before.orders.length, before.payments], [1, 0]);
    await sandboxControl('POST', 'latency', { ms: PAY_POST_MS, method: 'POST', path: '/me/order/*' });

    await a.locator('#pay').click();
    await b.locator('#pay').click();
    await dialogOf(windowA).waitFor();
    await dialogOf(windowB).waitFor();
    await dialogButton(windowA, 'Pay').click();
    await dialogButton(windowB, 'Pay').click();

    for (const [frame, name] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      await frame
        .locator('.success', { hasText: 'Renewed' })
        .waitFor({ timeout: 120_000 })
        .catch((error: unknown) => {
          throw new Error(`window ${name} does not show the order renewed: ${String(error)}`);
        });
      assert.equal((await frame.locator('#order-title').innerText()).trim(), ordered, `window ${name} shows the same order`);
    }
    await inWindow(windowB, () => untilTreeWordsChange(treeBefore));
    await inWindow(windowB, () => screenshot('two-windows-c-window-b'));
    const after = await countsFor(service);
    assert.equal(after.orders.length, 1, 'no second order');
    assert.equal(after.payments, 1, 'exactly one payment in the ledger');
    assert.equal(after.payRequests - before.payRequests, 1, 'exactly one payment request sent');
  });
});

import * as assert from 'node:assert/strict';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { TestingApi } from '../../src/testing';
import { ledger, openPanel, renewableService, type PanelDriver } from './support/renew';
import { admin } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { waitFor } from './support/wait';
import { renewSuite } from './support/renewSuite';

const PLACE = { confirm: 'Place Order' };
const PAY = { confirm: 'Pay' };
const PAY_ROUTES = ['POST /me/order/{orderId}/payWithRegisteredPaymentMean', 'POST /me/order/{orderId}/pay'];

/**
 * Issue 13 end to end: the journal, the leases and recovery by content, in a real
 * extension host against the sandbox's inconvenient orders (late listing, lost answers,
 * same-amount orders of other services, orders that expire or disappear, price changes).
 */
suite('Order safety: journal, leases, recovery by content (real extension host + sandbox)', function () {
  this.timeout(120_000);
  let testing: TestingApi;
  let account: AccountMeta;

  const renew = renewSuite({ requestTimeoutSeconds: 2 });
  suiteSetup(() => {
    ({ testing, account } = renew);
  });

  const payRequests = async (): Promise<number> => {
    const { counts } = await admin<{ counts: Record<string, number> }>('GET', 'requests');
    return PAY_ROUTES.reduce((sum, route) => sum + (counts[route] ?? 0), 0);
  };

  /** Two active domains renewed alone for the same price: what recovery by amount would confuse. */
  async function twinDomains(): Promise<[number, number]> {
    const api = await testing.accounts.api(account.id);
    if (!api) throw new Error('no API client');
    const { services } = await api.listServices();
    const byPrice = new Map<string, number[]>();
    for (const service of services.filter((candidate) => candidate.type === 'domain')) {
      const descriptions = await api.listRenewDescriptions(service.serviceId, false).catch(() => []);
      const alone = descriptions.find((d) => d.renewPeriod === 'P1Y')?.strategies.find((s) => s.services.length === 1);
      if (!alone?.price) continue;
      const key = String(alone.price.value);
      const ids = [...(byPrice.get(key) ?? []), service.serviceId];
      if (ids.length === 2) return [ids[0] as number, ids[1] as number];
      byPrice.set(key, ids);
    }
    throw new Error('the sandbox account has no two domains at the same price');
  }

  async function previewAlone(driver: PanelDriver, serviceId: number): Promise<void> {
    const row =
      driver.state.rows.find((candidate) => candidate.months === 12 && candidate.services.length === 1) ??
      driver.state.rows.find((candidate) => candidate.services.length === 1);
    assert.ok(row, `a row renewing ${serviceId} alone`);
    await driver.previewRow(row.key);
  }

  test('lost answer + late listing: one order, the right one found', async () => {
    const [serviceId] = await twinDomains();
    const driver = await openPanel(testing, account.id, serviceId);
    await previewAlone(driver, serviceId);
    // The dry run is a POST to the same route: the faults come after it.
    await admin('POST', 'config', { orderListingDelayMs: 2500 });
    await admin('POST', 'faults', { method: 'POST', path: '/service/*/renew', kind: 'timeout', after: true, times: 1 });
    await driver.send({ type: 'placeOrder' }, [PLACE]);
    const shown = await driver.until('the found order', (s) => s.busy === undefined && (s.order !== undefined || s.error !== undefined), 30_000);
    const { orders } = await ledger();
    assert.equal(orders.length, 1, 'one order');
    assert.equal(shown.order?.orderId, orders[0]?.orderId, `the order created was found (${JSON.stringify(shown.error)})`);
    assert.match(shown.notice ?? '', /created the order despite the error/);
    assert.equal(testing.orderJournal.all()[0]?.orderId, orders[0]?.orderId);
  });

  test('a same-amount order of another service is never adopted', async () => {
    const [serviceId, twin] = await twinDomains();
    // Our POST reaches OVH and never answers; meanwhile someone orders the twin domain.
    const driver = await openPanel(testing, account.id, serviceId);
    await previewAlone(driver, serviceId);
    await admin('POST', 'faults', { method: 'POST', path: '/service/*/renew', kind: 'timeout', times: 1 });
    const prompter = new ScriptedPrompter([PLACE]);
    testing.setPrompter(prompter);
    const placing = driver.panel.receive({ type: 'placeOrder' });
    await waitFor('the order request in flight', () => prompter.remaining === 0 && testing.orderJournal.all()[0]?.state === 'placing');
    const other = await admin<{ orderId: number }>('POST', 'orders', { services: [twin] });
    try {
      await placing;
    } finally {
      testing.setPrompter(undefined);
    }
    const shown = await driver
      .until('the outcome', (s) => s.busy === undefined, 30_000)
      .catch((error: unknown) => {
        throw new Error(`${String(error)}: ${JSON.stringify({ ...driver.state, rows: undefined })}`);
      });
    assert.ok(shown.error, JSON.stringify({ ...shown, rows: undefined }));
    assert.equal(shown.order, undefined, "the twin domain's order was adopted");
    assert.match(shown.error?.explanation ?? '', /not known whether the order was created/);
    assert.ok(!testing.orderJournal.all().some((entry) => entry.orderId === other.orderId));
    assert.equal(testing.orderJournal.all()[0]?.state, 'unknown', 'the attempt stays recorded');
    assert.equal(await payRequests(), 0);
  });

  test('bundle lock: while the domain + hosting order is in flight, the hosting panel orders nothing', async () => {
    const domainId = await renewableService(testing, account, true);
    const domain = await openPanel(testing, account.id, domainId);
    const bundleRow = domain.state.rows.find((row) => row.services.length > 1);
    assert.ok(bundleRow);
    const api = await testing.accounts.api(account.id);
    const strategies = (await api!.listRenewDescriptions(domainId, false)).flatMap((d) => d.strategies);
    const hostingId = strategies.find((s) => s.services.length > 1)?.services.find((id) => id !== domainId);
    assert.ok(hostingId);
    const hosting = await openPanel(testing, account.id, hostingId);
    await domain.previewRow(bundleRow.key);
    await previewAlone(hosting, hostingId);
    await admin('POST', 'latency', { method: 'POST', path: '/service/*/renew', ms: 1500 });
    const prompter = new ScriptedPrompter([PLACE]);
    testing.setPrompter(prompter);
    const placing = domain.panel.receive({ type: 'placeOrder' });
    // The journal entry is written under the lease, right before the POST.
    await waitFor('the bundle order in flight', () => testing.orderJournal.all()[0]?.state === 'placing');
    await hosting.send({ type: 'placeOrder' }, [PLACE]);
    assert.match(hosting.state.notice ?? '', /being placed in another window or panel/);
    testing.setPrompter(undefined);
    await placing;
    await admin('DELETE', 'latency');
    await domain.until('the bundle order', (s) => s.order !== undefined && s.busy === undefined);
    const { orders } = await ledger();
    assert.equal(orders.length, 1);
    assert.deepEqual([...(orders[0]?.services ?? [])].sort(), [domainId, hostingId].sort());
    // The hosting panel follows the domain panel's lease and shows the bundle order by itself.
    const resumed = await hosting.until('the bundle order in the hosting panel', (s) => s.order !== undefined && s.busy === undefined);
    assert.equal(resumed.order?.orderId, orders[0]?.orderId);
  });

  test('stale records end: an order gone (404) and an order expired unpaid', async () => {
    const [serviceId] = await twinDomains();
    for (const change of [{ gone: true }, { expiresInSeconds: -1 }]) {
      await admin('POST', 'reset');
      const first = await openPanel(testing, account.id, serviceId);
      await previewAlone(first, serviceId);
      await first.send({ type: 'placeOrder' }, [PLACE]);
      const ordered = await first.until('the order', (s) => s.order !== undefined && s.busy === undefined);
      testing.renewPanels.dispose();
      await admin('POST', `orders/${ordered.order?.orderId}`, change);
      const again = await openPanel(testing, account.id, serviceId);
      const shown = await again.until('the record ended', (s) => s.phase === 'ready' && s.busy === undefined && s.notice !== undefined);
      assert.match(shown.notice ?? '', change.gone ? /no longer exists/ : /expired unpaid/);
      assert.equal(shown.order, undefined);
      assert.equal(shown.payment, undefined);
      assert.equal(testing.orderJournal.all().length, 0);
      testing.renewPanels.dispose();
    }
  });

  test('a price change between preview and order asks again, stating both amounts', async () => {
    const [serviceId] = await twinDomains();
    await admin('POST', 'config', { orderPriceDeltaCents: 100 });
    const driver = await openPanel(testing, account.id, serviceId);
    await previewAlone(driver, serviceId);
    const confirmed = driver.state.preview?.withTaxText ?? '';
    const prompter = await driver.send({ type: 'placeOrder' }, [PLACE, { confirm: undefined }]);
    const shown = await driver.until('the order', (s) => s.order !== undefined && s.busy === undefined);
    assert.equal(prompter.asked.length, 2, prompter.asked.join(' | '));
    assert.match(prompter.asked[1] ?? '', /differs from the one you confirmed/);
    assert.match(shown.notice ?? '', new RegExp(confirmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(shown.notice ?? '', new RegExp((shown.order?.withTaxText ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.notEqual(shown.order?.withTaxText, confirmed);
    assert.equal(await payRequests(), 0, 'declining pays nothing');
    assert.equal((await ledger()).orders.length, 1);
  });

  test('payment uncertain: Pay is off while it is followed, then only Pay Again, behind its own dialog', async () => {
    const [serviceId] = await twinDomains();
    const driver = await openPanel(testing, account.id, serviceId);
    await previewAlone(driver, serviceId);
    await driver.send({ type: 'placeOrder' }, [PLACE]);
    await driver.until('the unpaid order', (s) => s.payment !== undefined && s.busy === undefined);
    // The payment never answers, and neither does the order status once it was sent.
    await admin('POST', 'faults', { method: 'POST', path: '/me/order/*/pay*', kind: 'timeout', times: 1 });
    await admin('DELETE', 'requests');
    const paying = driver.send({ type: 'pay' }, [PAY]);
    await waitFor('the payment sent', () => testing.orderJournal.all()[0]?.state === 'paying');
    await admin('POST', 'faults', { method: 'GET', path: '/me/order/*/status', kind: 'status', status: 503 });
    const uncertain = await driver.until('the uncertain outcome', (s) => s.error !== undefined && s.busy === 'tracking', 30_000);
    assert.match(uncertain.error?.explanation ?? '', /not known whether the payment went through/);
    assert.equal(uncertain.payment, undefined, 'no Pay button');
    await driver.send({ type: 'pay' }, [PAY]);
    assert.equal(await payRequests(), 1, 'no second payment request');
    assert.equal(testing.orderJournal.all()[0]?.state, 'payUncertain');
    await paying;
    await driver.until('the follow-up to end', (s) => s.busy === undefined, 30_000);
    await admin('DELETE', 'faults');
    await driver.send({ type: 'retry' });
    // OVH still shows it unpaid, which proves nothing: the payment stays in progress, Pay Again is offered.
    const again = await driver.until('Pay Again', (s) => s.payment?.again === true && s.busy === undefined, 30_000);
    assert.doesNotMatch(`${again.notice ?? ''} ${again.error?.explanation ?? ''}`, /did not go through/);
    await driver.send({ type: 'pay' }, [{ confirm: 'Pay Again' }]);
    await driver.until('delivery', (s) => s.order?.delivered === true, 20_000);
    const { payments } = await ledger();
    assert.equal(payments.length, 1);
    assert.equal(await payRequests(), 2, "one more request, by the user's explicit choice");
  });
});

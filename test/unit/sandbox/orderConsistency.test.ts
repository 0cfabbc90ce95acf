import * as assert from 'node:assert/strict';
import type { ServiceRecord } from '../../sandbox/model';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok } from './helpers';

/** The inconvenient order behaviours of issue 13: late listing, late completion, other orders, expiry, deletion. */
suite('sandbox: orders are eventually consistent', () => {
  let sb: Sandbox;
  suiteSetup(async () => {
    sb = await startSandbox({ services: 40, seed: 21, orderStepMs: 100 });
  });
  suiteTeardown(() => sb.close());
  setup(() => sb.reset());

  const domain = (): ServiceRecord => {
    const s = sb.state.services.find((x) => x.kind === 'domain' && x.lifecycleState === 'active');
    if (!s) throw new Error('no active domain');
    return s;
  };
  const renew = (s: ServiceRecord, timeoutMs?: number) =>
    call(sb, 'POST', `/service/${s.serviceId}/renew`, { body: { dryRun: false, duration: 'P1Y', services: [s.serviceId] }, timeoutMs });

  // A deadline, not a number of turns: a loaded machine only makes it wait longer.
  async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check() && Date.now() < deadline) await new Promise<void>((resolve) => setTimeout(resolve, 5));
    assert.ok(check(), what);
  }

  test('orderListingDelayMs: a new order is listed only after the delay, but found by id at once', async () => {
    assert.equal((await admin(sb, 'POST', '/config', { orderListingDelayMs: 60_000 })).status, 200);
    const res = await renew(domain());
    assert.equal(res.status, 200);
    const { orderId } = res.json as { orderId: number };
    assert.ok(!(await ok<number[]>(sb, 'GET', '/me/order')).includes(orderId));
    assert.equal((await call(sb, 'GET', `/me/order/${orderId}`)).status, 200);
    await admin(sb, 'POST', '/clock', { offsetSeconds: 61 });
    assert.ok((await ok<number[]>(sb, 'GET', '/me/order')).includes(orderId));
    assert.equal((await admin(sb, 'POST', '/config', { orderListingDelayMs: -1 })).status, 400);
  });

  test('completeAfterMs: the POST never answers, and the order exists once the client has given up', async () => {
    assert.equal(
      (await admin(sb, 'POST', '/faults', { method: 'POST', path: '/service/*/renew', kind: 'timeout', completeAfterMs: 300, times: 1 })).status,
      201,
    );
    const s = domain();
    const res = await renew(s, 100).catch((error: unknown) => error);
    assert.ok(res instanceof Error, 'the client timed out');
    assert.equal(sb.ledger().orders.length, 0, 'nothing yet when the client gave up');
    await until('the order completes on the server later', () => sb.ledger().orders.length === 1);
    assert.equal(sb.ledger().orders[0]?.serviceId, s.serviceId);
    assert.equal((await admin(sb, 'POST', '/faults', { path: '*', kind: 'status', completeAfterMs: 5 })).status, 400);
  });

  test('/__sandbox/orders: an unpaid order placed elsewhere, with the same amount, named by its details', async () => {
    const domains = sb.state.services.filter((x) => x.kind === 'domain' && x.lifecycleState === 'active');
    const twin = domains.find((x) => domains.some((y) => y !== x && y.plan.invoiceName === x.plan.invoiceName));
    const [a, b] = domains.filter((x) => x.plan.invoiceName === twin?.plan.invoiceName);
    assert.ok(a && b, 'two domains of the same extension');
    const other = (await admin(sb, 'POST', '/orders', { services: [b.serviceId] })).json as { orderId: number };
    const mine = (await renew(a)).json as { orderId: number; priceWithTax: { value: number } };
    const theirs = await ok<{ priceWithTax: { value: number } }>(sb, 'GET', `/me/order/${other.orderId}`);
    assert.equal(theirs.priceWithTax.value, mine.priceWithTax.value, 'same amount');
    const [detail] = await ok<number[]>(sb, 'GET', `/me/order/${other.orderId}/details`);
    assert.equal((await ok<{ domain: string }>(sb, 'GET', `/me/order/${other.orderId}/details/${detail}`)).domain, b.name);
    assert.equal(await ok<string>(sb, 'GET', `/me/order/${other.orderId}/status`), 'notPaid');
    assert.deepEqual(
      sb.ledger().orders.map((o) => o.orderId),
      [mine.orderId],
      'orders placed elsewhere are not in the ledger',
    );
    assert.equal((await admin(sb, 'POST', '/orders', { services: [999_999_999] })).status, 400);
  });

  test('/__sandbox/orders/{id}: the expiration passes (payment refused), or the order is gone (404)', async () => {
    const { orderId } = (await renew(domain())).json as { orderId: number };
    const expired = (await admin(sb, 'POST', `/orders/${orderId}`, { expiresInSeconds: -1 })).json as { expirationDate: string };
    assert.ok(Date.parse(expired.expirationDate) < Date.now() + sb.config.clockOffsetSeconds * 1000);
    const order = await ok<{ expirationDate: string }>(sb, 'GET', `/me/order/${orderId}`);
    assert.ok(Math.abs(Date.parse(order.expirationDate) - Date.parse(expired.expirationDate)) < 1000);
    const [method] = await ok<number[]>(sb, 'GET', '/me/payment/method?default=true');
    const pay = await call(sb, 'POST', `/me/order/${orderId}/pay`, { body: { paymentMethod: { id: method } } });
    assert.equal(pay.status, 400);
    assert.match(pay.text, /expired/);
    await admin(sb, 'POST', `/orders/${orderId}`, { gone: true });
    assert.equal((await call(sb, 'GET', `/me/order/${orderId}`)).status, 404);
    assert.ok(!(await ok<number[]>(sb, 'GET', '/me/order')).includes(orderId));
    assert.equal((await admin(sb, 'POST', '/orders/1', {})).status, 404);
  });

  test('orderPriceDeltaCents: the order costs more than its dry run', async () => {
    await admin(sb, 'POST', '/config', { orderPriceDeltaCents: 100 });
    const s = domain();
    const body = { duration: 'P1Y', services: [s.serviceId] };
    const preview = await ok<{ priceWithoutTax: { value: number } }>(sb, 'POST', `/service/${s.serviceId}/renew`, { body: { ...body, dryRun: true } });
    const order = await ok<{ priceWithoutTax: { value: number } }>(sb, 'POST', `/service/${s.serviceId}/renew`, { body: { ...body, dryRun: false } });
    assert.equal(Math.round((order.priceWithoutTax.value - preview.priceWithoutTax.value) * 100), 100);
    assert.equal((await admin(sb, 'POST', '/config', { orderPriceDeltaCents: 1.5 })).status, 400);
  });
});

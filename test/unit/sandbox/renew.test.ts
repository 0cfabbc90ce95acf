import * as assert from 'node:assert/strict';
import type { ServiceRecord } from '../../sandbox/model';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call, ok, type RenewDescription } from './helpers';

suite('sandbox: renew strategies and renew orders', () => {
  let sb: Sandbox;
  let find: (label: string, predicate: (s: ServiceRecord) => boolean) => ServiceRecord;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 40, seed: 21 });
    find = (label, predicate) => {
      const s = sb.state.services.find(predicate);
      if (!s) throw new Error(`no ${label} in the seeded account`);
      return s;
    };
  });
  suiteTeardown(() => sb.close());
  teardown(() => sb.reset());

  test('a bundled domain offers itself alone and the hosting+domain bundle', async () => {
    const domain = find('bundled domain', (s) => s.kind === 'domain' && s.bundleId !== null && s.lifecycleState === 'active');
    const renew = await ok<RenewDescription[]>(sb, 'GET', `/service/${domain.serviceId}/renew?includeOptions=false`);
    const p1y = renew.find((r) => r.renewPeriod === 'P1Y');
    assert.ok(p1y);
    assert.deepEqual(
      p1y.strategies.map((s) => s.services),
      [[domain.serviceId], [domain.bundleId, domain.serviceId]],
    );
    const [alone, bundle] = p1y.strategies;
    assert.ok(alone && bundle && bundle.price.value > alone.price.value);
    assert.equal(bundle.price.currencyCode, 'EUR');
    assert.equal(bundle.priceInUcents, Math.round(bundle.price.value * 100) * 1_000_000);
    assert.equal(bundle.price.priceInUcents, bundle.priceInUcents);
    assert.match(bundle.price.text, /^\d+\.\d\d \u20ac$/);
    assert.deepEqual(
      bundle.servicesDetails.map((d) => d.serviceId),
      bundle.services,
    );
    assert.deepEqual(
      renew.map((r) => r.renewPeriod),
      ['P1Y', 'P2Y', 'P3Y'],
    );
  });

  test("includeOptions=true adds a parent's options to its strategies", async () => {
    const vps = find('vps with options', (s) => s.kind === 'vps' && s.optionIds.length > 0 && !s.automaticOnly && s.lifecycleState !== 'terminated');
    const without = await ok<RenewDescription[]>(sb, 'GET', `/service/${vps.serviceId}/renew?includeOptions=false`);
    const withOptions = await ok<RenewDescription[]>(sb, 'GET', `/service/${vps.serviceId}/renew?includeOptions=true`);
    assert.deepEqual(without[0]?.strategies[0]?.services, [vps.serviceId]);
    assert.deepEqual(withOptions[0]?.strategies[0]?.services, [vps.serviceId, ...vps.optionIds]);
    assert.equal((await call(sb, 'GET', `/service/${vps.serviceId}/renew?includeOptions=maybe`)).status, 400);
  });

  test('forced-automatic, terminated services and options offer nothing', async () => {
    for (const s of [
      find('forced automatic', (x) => x.automaticOnly),
      find('terminated', (x) => x.lifecycleState === 'terminated'),
      find('option', (x) => x.kind === 'option'),
    ]) {
      assert.deepEqual(await ok(sb, 'GET', `/service/${s.serviceId}/renew`), [], s.kind);
    }
  });

  test('POST renew validates duration and services against the offer', async () => {
    const domain = find('bundled domain', (s) => s.kind === 'domain' && s.bundleId !== null && s.lifecycleState === 'active');
    const path = `/service/${domain.serviceId}/renew`;
    const cases: [unknown, RegExp][] = [
      [{ services: [domain.serviceId] }, /\[duration\] Missing parameter/],
      [{ duration: 'P5Y', services: [domain.serviceId] }, /Invalid duration P5Y .*P1Y, P2Y, P3Y/],
      [{ duration: 'one year', services: [domain.serviceId] }, /\[duration\] Invalid value/],
      [{ duration: 'P1Y' }, /\[services\] Missing parameter/],
      [{ duration: 'P1Y', services: [] }, /\[services\] Invalid value/],
      [{ duration: 'P1Y', services: [domain.serviceId + 999_999] }, /No renew strategy/],
      [{ duration: 'P2Y', services: [domain.bundleId, domain.serviceId] }, /No renew strategy/],
      [{ duration: 'P1Y', services: [domain.serviceId], dryRun: 'yes' }, /\[dryRun\]/],
    ];
    for (const [body, message] of cases) {
      const res = await call(sb, 'POST', path, { body });
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = res.json as { class: string; message: string };
      assert.equal(error.class, 'Client::BadRequest');
      assert.match(error.message, message);
    }
    assert.equal(sb.ledger().orders.length, 0);
  });

  test('a dry run returns the RenewOrder shape and creates nothing', async () => {
    const domain = find('bundled domain', (s) => s.kind === 'domain' && s.bundleId !== null && s.lifecycleState === 'active');
    const ordersBefore = await ok<number[]>(sb, 'GET', '/me/order');
    const dry = await ok<Record<string, unknown>>(sb, 'POST', `/service/${domain.serviceId}/renew`, {
      body: { dryRun: true, duration: 'P1Y', services: [domain.bundleId, domain.serviceId] },
    });
    assert.deepEqual(Object.keys(dry).sort(), [
      'date',
      'expirationDate',
      'orderId',
      'password',
      'pdfUrl',
      'priceWithTax',
      'priceWithoutTax',
      'retractionDate',
      'tax',
      'url',
    ]);
    assert.equal(dry.orderId, 0);
    const withTax = (dry.priceWithTax as { value: number }).value;
    const withoutTax = (dry.priceWithoutTax as { value: number }).value;
    const tax = (dry.tax as { value: number }).value;
    assert.ok(Math.abs(withoutTax + tax - withTax) < 0.001);
    assert.deepEqual(await ok<number[]>(sb, 'GET', '/me/order'), ordersBefore);
    assert.deepEqual(sb.ledger(), { orders: [], payments: [] });
  });

  test('a real renew creates a notPaid order listed in the ledger', async () => {
    const domain = find('bundled domain', (s) => s.kind === 'domain' && s.bundleId !== null && s.lifecycleState === 'active');
    const services = [domain.bundleId as number, domain.serviceId];
    const order = await ok<{ orderId: number; url: string }>(sb, 'POST', `/service/${domain.serviceId}/renew`, {
      body: { dryRun: false, duration: 'P1Y', services },
    });
    assert.ok(order.orderId > 0);
    assert.ok(order.url.startsWith(sb.origin));
    assert.equal(await ok(sb, 'GET', `/me/order/${order.orderId}/status`), 'notPaid');
    assert.ok((await ok<number[]>(sb, 'GET', '/me/order')).includes(order.orderId));
    const ledger = sb.ledger();
    assert.equal(ledger.orders.length, 1);
    const entry = ledger.orders[0];
    assert.ok(entry);
    assert.deepEqual({ ...entry, createdAt: 'x' }, { orderId: order.orderId, serviceId: domain.serviceId, duration: 'P1Y', services, createdAt: 'x' });
    assert.ok(!Number.isNaN(Date.parse(entry.createdAt)));
  });

  test('renewing a terminated service answers 460', async () => {
    const gone = find('terminated', (s) => s.lifecycleState === 'terminated');
    const res = await call(sb, 'POST', `/service/${gone.serviceId}/renew`, { body: { duration: 'P1Y', services: [gone.serviceId] } });
    assert.equal(res.status, 460);
    assert.deepEqual(res.json, { message: 'This Service is expired' });
  });
});

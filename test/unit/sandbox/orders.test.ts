import * as assert from 'node:assert/strict';
import { addMonths } from '../../sandbox/dates';
import type { ServiceRecord } from '../../sandbox/model';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok, until, type ServiceView } from './helpers';

interface PaymentMethod {
  paymentMethodId: number;
  paymentMeanId: number;
  paymentType: string;
  status: string;
  default: boolean;
  label: string;
}

const STEP_MS = 100;

suite('sandbox: orders and payment', () => {
  let sb: Sandbox;
  let methods: PaymentMethod[];

  suiteSetup(async () => {
    sb = await startSandbox({ services: 40, seed: 21, orderStepMs: STEP_MS });
  });
  suiteTeardown(() => sb.close());
  setup(async () => {
    sb.reset();
    const ids = await ok<number[]>(sb, 'GET', '/me/payment/method');
    methods = await Promise.all(ids.map((id) => ok<PaymentMethod>(sb, 'GET', `/me/payment/method/${id}`)));
  });

  function bundledDomain(): ServiceRecord {
    const s = sb.state.services.find((x) => x.kind === 'domain' && x.bundleId !== null && x.lifecycleState === 'active');
    if (!s) throw new Error('no bundled domain');
    return s;
  }

  async function newOrder(s: ServiceRecord, services: number[], duration = 'P1Y'): Promise<number> {
    const order = await ok<{ orderId: number }>(sb, 'POST', `/service/${s.serviceId}/renew`, { body: { dryRun: false, duration, services } });
    return order.orderId;
  }

  test('seeded payment methods: a default valid card, a PayPal and an expired card', () => {
    const card = methods.find((m) => m.default);
    assert.ok(card && card.paymentType === 'CREDIT_CARD' && card.status === 'VALID');
    assert.match(card.label, /^\d{4}-XXXX-XXXX-\d{4}$/);
    assert.ok(methods.some((m) => m.paymentType === 'PAYPAL' && m.status === 'VALID'));
    assert.ok(methods.some((m) => m.paymentType === 'CREDIT_CARD' && m.status === 'EXPIRED'));
  });

  test('order, pay, then checking, delivering, delivered, and the expiration moves by the duration', async () => {
    const domain = bundledDomain();
    const hosting = sb.state.lookup(domain.bundleId as number) as ServiceRecord;
    const services = [hosting.serviceId, domain.serviceId];
    const before = await Promise.all(services.map((id) => ok<ServiceView>(sb, 'GET', `/services/${id}`)));
    const orderId = await newOrder(domain, services);

    const means = await ok<{ paymentMean: string }[]>(sb, 'GET', `/me/order/${orderId}/availableRegisteredPaymentMean`);
    // OVH mixes legacy lower-case means with current upper-case ones; the prepaid account is listed too.
    assert.deepEqual(means.map((m) => m.paymentMean).sort(), ['SEPA_DIRECT_DEBIT', 'creditCard', 'ovhAccount', 'paypal']);
    const card = methods.find((m) => m.default) as PaymentMethod;
    const paid = await call(sb, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, {
      body: { paymentMean: 'creditCard', paymentMeanId: card.paymentMeanId },
    });
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.json, null);

    // Each state is read at a clock set inside its window: polling a 100 ms step on a loaded
    // machine could miss 'checking' altogether.
    const statusAt = async (offsetSeconds: number) => {
      sb.setClockOffset(offsetSeconds);
      return ok<string>(sb, 'GET', `/me/order/${orderId}/status`);
    };
    sb.config.orderStepMs = 3_600_000;
    const states = [await statusAt(0), await statusAt(3_600), await statusAt(7_200)];
    assert.deepEqual(states, ['checking', 'delivering', 'delivered']);
    sb.setClockOffset(0);

    const after = await Promise.all(services.map((id) => ok<ServiceView>(sb, 'GET', `/services/${id}`)));
    after.forEach((s, i) => {
      const old = Date.parse(before[i]?.billing.expirationDate ?? '');
      assert.equal(Date.parse(s.billing.expirationDate), addMonths(old, 12), `service ${s.serviceId}`);
    });

    const ledger = (await admin(sb, 'GET', '/ledger')).json as { orders: { orderId: number }[]; payments: unknown[] };
    assert.deepEqual(
      ledger.orders.map((o) => o.orderId),
      [orderId],
    );
    assert.equal(ledger.payments.length, 1);
    const payment = ledger.payments[0] as Record<string, unknown>;
    assert.deepEqual(
      { ...payment, at: 'x' },
      { orderId, paymentMean: 'creditCard', paymentMeanId: card.paymentMeanId, paymentMethodId: null, route: 'payWithRegisteredPaymentMean', at: 'x' },
    );
  });

  test('delivery is applied once even when read many times', async () => {
    const domain = sb.state.services.find((x) => x.kind === 'domain' && x.bundleId === null && x.lifecycleState === 'active') as ServiceRecord;
    const expiry = domain.expirationMs;
    const orderId = await newOrder(domain, [domain.serviceId], 'P2Y');
    await ok(sb, 'POST', `/me/order/${orderId}/pay`, { body: { paymentMethod: { id: (methods.find((m) => m.default) as PaymentMethod).paymentMethodId } } });
    await until('the order is delivered', async () => (await ok<string>(sb, 'GET', `/me/order/${orderId}/status`)) === 'delivered');
    for (let i = 0; i < 3; i++) await ok(sb, 'GET', `/me/order/${orderId}/status`);
    assert.equal(sb.state.lookup(domain.serviceId)?.expirationMs, addMonths(expiry, 24));
  });

  test('paying twice answers 409; bad payment requests answer 400, 404 or 403 as OVH does', async () => {
    const domain = bundledDomain();
    const orderId = await newOrder(domain, [domain.serviceId]);
    const card = methods.find((m) => m.default) as PaymentMethod;
    const expired = methods.find((m) => m.status === 'EXPIRED') as PaymentMethod;
    const paypal = methods.find((m) => m.paymentType === 'PAYPAL') as PaymentMethod;
    const sepa = methods.find((m) => m.paymentType === 'SEPA_DIRECT_DEBIT') as PaymentMethod;
    const pay = (body: unknown) => call(sb, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, { body });

    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'Client::BadRequest'],
      [{ paymentMean: 'bitcoin' }, 400, 'Client::BadRequest'],
      [{ paymentMean: 'creditCard' }, 400, 'Client::BadRequest'],
      [{ paymentMean: 'creditCard', paymentMeanId: paypal.paymentMeanId }, 404, 'Client::NotFound'],
      [{ paymentMean: 'creditCard', paymentMeanId: 1 }, 404, 'Client::NotFound'],
      // A paymentMethodId is not a paymentMeanId: the SEPA mandate has no legacy id to pay with here.
      [{ paymentMean: 'bankAccount', paymentMeanId: sepa.paymentMethodId }, 404, 'Client::NotFound'],
      [{ paymentMean: 'creditCard', paymentMeanId: expired.paymentMeanId }, 403, 'Client::Forbidden'],
      [{ paymentMean: 'fidelityAccount' }, 403, 'Client::Forbidden'],
      [{ paymentMean: 'ovhAccount' }, 403, 'Client::Forbidden'],
    ];
    for (const [body, status, cls] of cases) {
      const res = await pay(body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal((res.json as { class: string }).class, cls);
    }
    assert.equal(((await pay({ paymentMean: 'ovhAccount' })).json as { message: string }).message, "This order can't be paid with 'ovhAccount'");
    assert.equal(((await pay({ paymentMean: 'creditCard', paymentMeanId: 1 })).json as { message: string }).message, 'paymentMean not found');
    assert.equal(await ok(sb, 'GET', `/me/order/${orderId}/status`), 'notPaid');
    // The Control Panel never sends an upper-case type with an id (me.json: the id is for lower-case means only).
    assert.equal((await pay({ paymentMean: 'PAYPAL', paymentMeanId: paypal.paymentMeanId })).status, 400, 'an upper-case type with an id');
    assert.equal((await pay({ paymentMean: 'PAYPAL' })).status, 200, 'upper-case types are paid without an id');
    const again = await pay({ paymentMean: 'creditCard', paymentMeanId: card.paymentMeanId });
    assert.equal(again.status, 409);
    assert.equal((again.json as { class: string }).class, 'Client::Conflict');
    assert.equal(sb.ledger().payments.length, 1);
  });

  test('unknown orders answer 404', async () => {
    const res = await call(sb, 'GET', '/me/order/42/status');
    assert.equal(res.status, 404);
    assert.equal((res.json as { class: string }).class, 'Client::NotFound');
  });

  test('GET /me/order honours date.from and date.to', async () => {
    const all = await ok<number[]>(sb, 'GET', '/me/order');
    assert.ok(all.length >= 3, 'seeded history');
    const dates = await Promise.all(all.map(async (id) => Date.parse((await ok<{ date: string }>(sb, 'GET', `/me/order/${id}`)).date)));
    const pivot = [...dates].sort((a, b) => a - b)[1] as number;
    const from = await ok<number[]>(sb, 'GET', `/me/order?date.from=${encodeURIComponent(new Date(pivot).toISOString())}`);
    const to = await ok<number[]>(sb, 'GET', `/me/order?date.to=${encodeURIComponent(new Date(pivot - 1).toISOString())}`);
    assert.equal(from.length + to.length, all.length);
    assert.equal(to.length, 1);
    assert.equal((await call(sb, 'GET', '/me/order?date.from=yesterday')).status, 400);
  });

  test('order details list one RENEW line per service', async () => {
    const domain = bundledDomain();
    const services = [domain.bundleId as number, domain.serviceId];
    const orderId = await newOrder(domain, services);
    const details = await ok<number[]>(sb, 'GET', `/me/order/${orderId}/details`);
    assert.equal(details.length, 2);
    const line = await ok<{ detailType: string; quantity: string }>(sb, 'GET', `/me/order/${orderId}/details/${details[0]}`);
    assert.equal(line.detailType, 'RENEW');
    assert.equal(line.quantity, '1');
  });

  test('payment method filters', async () => {
    const defaults = await ok<number[]>(sb, 'GET', '/me/payment/method?default=true');
    assert.equal(defaults.length, 1);
    const expired = await ok<number[]>(sb, 'GET', '/me/payment/method?status=EXPIRED');
    assert.equal(expired.length, 1);
    assert.equal((await call(sb, 'GET', '/me/payment/method/1')).status, 404);
  });
});

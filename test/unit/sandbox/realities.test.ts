import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok, renewableDomain, request } from './helpers';

/** The behaviours of the real OVH API from ovh-api-realities.md, each with its control. */

interface Method {
  paymentMethodId: number;
  paymentMeanId: number | null;
  paymentType: string;
  status: string;
  default: boolean;
}

const PAGES = { 'X-Pagination-Mode': 'CachedObjectList-Pages', 'X-Pagination-Number': '1', 'X-Pagination-Size': '5000' };

suite('sandbox: behaviours of the real API', () => {
  let sb: Sandbox;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 30, seed: 14, orderStepMs: 50 });
  });
  suiteTeardown(() => sb.close());
  setup(() => sb.reset());

  const newOrder = async (): Promise<number> => {
    const s = renewableDomain(sb);
    return (await ok<{ orderId: number }>(sb, 'POST', `/service/${s.serviceId}/renew`, { body: { dryRun: false, duration: 'P1Y', services: [s.serviceId] } }))
      .orderId;
  };
  const allMethods = async (): Promise<Method[]> => ok<Method[]>(sb, 'GET', '/me/payment/method', { headers: PAGES });

  test('defaultPaymentMethod: sepa makes the SEPA mandate (no legacy id) the default', async () => {
    assert.equal((await admin(sb, 'POST', '/config', { defaultPaymentMethod: 'sepa' })).status, 200);
    const [only] = await ok<number[]>(sb, 'GET', '/me/payment/method?default=true');
    const method = await ok<Method>(sb, 'GET', `/me/payment/method/${only}`);
    assert.deepEqual([method.paymentType, method.paymentMeanId, method.default], ['SEPA_DIRECT_DEBIT', null, true]);
  });

  test('POST /me/order/{id}/pay with a method id pays and the ledger records the method id', async () => {
    const orderId = await newOrder();
    const sepa = (await allMethods()).find((m) => m.paymentType === 'SEPA_DIRECT_DEBIT') as Method;
    const usable = await ok<{ registered: number[]; paymentMethods: Method[] }>(sb, 'GET', `/me/order/${orderId}/paymentMethods`);
    assert.ok(usable.registered.includes(sepa.paymentMethodId));
    assert.equal(usable.registered.length, usable.paymentMethods.length);
    await ok(sb, 'POST', `/me/order/${orderId}/pay`, { body: { paymentMethod: { id: sepa.paymentMethodId } } });
    const [payment] = sb.ledger().payments;
    assert.deepEqual([payment?.route, payment?.paymentMethodId, payment?.paymentMeanId], ['pay', sepa.paymentMethodId, null]);
  });

  test('refusedPayments: the order refuses that type with 403 and stays payable with another method', async () => {
    await admin(sb, 'POST', '/config', { refusedPayments: ['SEPA_DIRECT_DEBIT'] });
    const orderId = await newOrder();
    const methods = await allMethods();
    const sepa = methods.find((m) => m.paymentType === 'SEPA_DIRECT_DEBIT') as Method;
    const usable = await ok<{ registered: number[] }>(sb, 'GET', `/me/order/${orderId}/paymentMethods`);
    assert.ok(!usable.registered.includes(sepa.paymentMethodId));
    const refused = await call(sb, 'POST', `/me/order/${orderId}/pay`, { body: { paymentMethod: { id: sepa.paymentMethodId } } });
    assert.equal(refused.status, 403);
    assert.equal((refused.json as { message: string }).message, "This order can't be paid with 'SEPA_DIRECT_DEBIT'");
    assert.equal(await ok(sb, 'GET', `/me/order/${orderId}/status`), 'notPaid');
    const card = methods.find((m) => m.paymentType === 'CREDIT_CARD' && m.status === 'VALID') as Method;
    await ok(sb, 'POST', `/me/order/${orderId}/pay`, { body: { paymentMethod: { id: card.paymentMethodId } } });
    assert.equal(sb.ledger().payments.length, 1);
  });

  test('ovhAccountBalance: /me/ovhAccount shows it; paying with ovhAccount needs it to cover the amount, and spends it', async () => {
    const orderId = await newOrder();
    const order = await ok<{ priceWithTax: { value: number } }>(sb, 'GET', `/me/order/${orderId}`);
    const [id] = await ok<string[]>(sb, 'GET', '/me/ovhAccount');
    assert.equal((await ok<{ balance: { value: number } }>(sb, 'GET', `/me/ovhAccount/${id}`)).balance.value, 0);
    await admin(sb, 'POST', '/config', { ovhAccountBalance: order.priceWithTax.value - 0.01 });
    assert.equal((await call(sb, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'ovhAccount' } })).status, 403);
    await admin(sb, 'POST', '/config', { ovhAccountBalance: order.priceWithTax.value + 10 });
    await ok(sb, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'ovhAccount' } });
    assert.equal((await ok<{ balance: { value: number } }>(sb, 'GET', `/me/ovhAccount/${id}`)).balance.value, 10);
  });

  test('dryRunOrderId: a preview answers orderId 0, null or no orderId, and creates nothing', async () => {
    const s = renewableDomain(sb);
    const seen: unknown[] = [];
    for (const variant of ['zero', 'null', 'absent'] as const) {
      await admin(sb, 'POST', '/config', { dryRunOrderId: variant });
      const preview = await ok<Record<string, unknown>>(sb, 'POST', `/service/${s.serviceId}/renew`, {
        body: { dryRun: true, duration: 'P1Y', services: [s.serviceId] },
      });
      seen.push('orderId' in preview ? preview.orderId : 'absent');
      assert.ok(typeof (preview.priceWithTax as { value: number }).value === 'number');
    }
    assert.deepEqual(seen, [0, null, 'absent']);
    assert.equal(sb.ledger().orders.length, 0);
  });

  test('renewPrices: valueOnly prints {value} only; oneBroken breaks exactly the first strategy', async () => {
    const s = renewableDomain(sb);
    await admin(sb, 'POST', '/config', { renewPrices: 'valueOnly' });
    const valueOnly = await ok<Array<{ strategies: Array<{ price: object }> }>>(sb, 'GET', `/service/${s.serviceId}/renew`);
    assert.ok(valueOnly.flatMap((d) => d.strategies).every((st) => Object.keys(st.price).join() === 'value'));
    await admin(sb, 'POST', '/config', { renewPrices: 'oneBroken' });
    const broken = await ok<Array<{ strategies: Array<{ price: { value?: number } }> }>>(sb, 'GET', `/service/${s.serviceId}/renew`);
    const prices = broken.flatMap((d) => d.strategies).map((st) => typeof st.price.value);
    assert.deepEqual([prices[0], prices.slice(1).every((p) => p === 'number')], ['undefined', true]);
  });

  test('cached lists: a CachedObjectList-Pages answer stays stale per consumer key until Pragma: no-cache', async () => {
    const s = renewableDomain(sb);
    const expiry = async (headers: Record<string, string>, consumerKey?: string): Promise<string> => {
      const page = await ok<Array<{ serviceId: number; billing: { expirationDate: string } }>>(sb, 'GET', '/services', { headers, consumerKey });
      return page.find((x) => x.serviceId === s.serviceId)?.billing.expirationDate ?? '';
    };
    const before = await expiry(PAGES);
    s.expirationMs += 365 * 86_400_000;
    assert.equal(await expiry(PAGES), before, 'the cached page still shows the old expiry');
    const other = sb.createCredential();
    assert.notEqual(await expiry(PAGES, other), before, 'another consumer key has its own cache');
    const fresh = await expiry({ ...PAGES, Pragma: 'no-cache' });
    assert.notEqual(fresh, before);
    assert.equal(await expiry(PAGES), fresh, 'the fresh answer refills the cache');
  });

  test('service accounts with IAM policies: all, none, partial; a refusal names the missing action in details', async () => {
    const token = async (clientId: string, clientSecret: string): Promise<string> => {
      const res = await request(sb.tokenUrl + 'oauth2/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'all' }).toString(),
      });
      return (res.json as { access_token: string }).access_token;
    };
    const get = async (policy: unknown, path: string) => {
      const account = (await admin(sb, 'POST', '/service-accounts', { policy })).json as { clientId: string; clientSecret: string };
      return request(`${sb.url}${path}`, { headers: { Authorization: `Bearer ${await token(account.clientId, account.clientSecret)}` } });
    };
    assert.equal((await get('all', '/me')).status, 200);
    const none = await get('none', '/me');
    assert.equal(none.status, 403);
    assert.deepEqual(none.json, {
      class: 'Client::Forbidden',
      message: 'User not granted for this request',
      details: { unauthorizedActionsByAuthentication: '', unauthorizedActionsByIAM: 'account:apiovh:me/get' },
    });
    assert.equal((await get(['account:apiovh:me/get'], '/me')).status, 200);
    const partial = await get(['account:apiovh:me/get'], '/me/order/1/status');
    assert.equal((partial.json as { details: Record<string, string> }).details.unauthorizedActionsByIAM, 'account:apiovh:me/order/status/get');
  });
});

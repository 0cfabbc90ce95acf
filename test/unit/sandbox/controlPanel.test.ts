import * as assert from 'node:assert/strict';
import type { ServiceRecord } from '../../sandbox/model';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok, renewableDomain, type ServiceView } from './helpers';

/** What OVH's Control Panel does differently from our first reading of the schemas (issue 28), each with its control. */

interface Expanded extends ServiceView {
  customer: { contacts: { customerCode: string; type: string }[] };
  billing: ServiceView['billing'] & {
    engagement: { endDate: string | null; endRule: { strategy: string } | null } | null;
    lifecycle: { current: { state: string; pendingActions: string[] }; capacities: { actions: string[] } };
  };
}
interface Infos {
  renew: { automatic: boolean; manualPayment: boolean; deleteAtExpiration: boolean; forced: boolean; period: number };
  possibleRenewPeriod: number[];
  status: string;
  contactBilling: string;
}

const PRODUCTS = ['domain', 'hosting', 'vps', 'dedicated'] as const;

suite('sandbox: what the Control Panel does (serviceInfos, servicesPutRenew, service states, legacy payment)', () => {
  let sb: Sandbox;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 60, seed: 28, orderStepMs: 50 });
  });
  suiteTeardown(() => sb.close());
  setup(() => sb.reset());

  const manualOne = (kind: ServiceRecord['kind']): ServiceRecord => {
    const s = sb.state.services.find((x) => x.kind === kind && x.lifecycleState === 'active' && !x.automaticOnly && x.pendingActions.length === 0);
    if (!s) throw new Error(`no switchable ${kind}`);
    s.renewMode = 'manual';
    return s;
  };
  const url = (s: ServiceRecord): string => s.routePath!.replace('{serviceName}', encodeURIComponent(s.name));
  const get = (s: ServiceRecord): Promise<Expanded> => ok<Expanded>(sb, 'GET', `/services/${s.serviceId}`);

  for (const mode of ['ignored', 'refused', 'applied'] as const) {
    test(`servicesPutRenew ${mode}: PUT /services/{id} with renew, for every product type`, async () => {
      if (mode !== 'ignored') assert.equal((await admin(sb, 'POST', '/config', { servicesPutRenew: mode })).status, 200);
      for (const kind of PRODUCTS) {
        const s = manualOne(kind);
        const put = await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { mode: 'automatic', period: s.plan.periods[0] } } });
        assert.equal(put.status, mode === 'refused' ? 400 : 200, kind);
        assert.equal((await get(s)).billing.renew?.current.mode, mode === 'applied' ? 'automatic' : 'manual', kind);
      }
    });
  }

  test('the default is ignored: 200 and nothing changes', async () => {
    const s = manualOne('vps');
    await ok(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { mode: 'automatic' } } });
    assert.equal((await get(s)).billing.renew?.current.mode, 'manual');
  });

  test('PUT {route}/serviceInfos switches mode and period (months) for every product type, whatever servicesPutRenew says', async () => {
    for (const kind of PRODUCTS) {
      const s = manualOne(kind);
      const infos = await ok<Infos>(sb, 'GET', `${url(s)}/serviceInfos`);
      const months = infos.possibleRenewPeriod[infos.possibleRenewPeriod.length - 1]!;
      await ok(sb, 'PUT', `${url(s)}/serviceInfos`, { body: { renew: { ...infos.renew, automatic: true, manualPayment: false, period: months } } });
      const after = await get(s);
      assert.equal(after.billing.renew?.current.mode, 'automatic', kind);
      assert.equal((await ok<Infos>(sb, 'GET', `${url(s)}/serviceInfos`)).renew.period, months, kind);
      await ok(sb, 'PUT', `${url(s)}/serviceInfos`, {
        body: { renew: { automatic: false, manualPayment: true, deleteAtExpiration: false, forced: false, period: null } },
      });
      assert.equal((await get(s)).billing.renew?.current.mode, 'manual', kind);
    }
  });

  test('serviceInfos refuses a period it does not offer and bad types, and changes nothing', async () => {
    const s = manualOne('domain');
    const badPeriod = await call(sb, 'PUT', `${url(s)}/serviceInfos`, { body: { renew: { automatic: true, manualPayment: false, period: 7 } } });
    assert.deepEqual([badPeriod.status, badPeriod.json], [400, { class: 'Client::BadRequest', message: 'Renew period 7 is not allowed for this service' }]);
    const badType = await call(sb, 'PUT', `${url(s)}/serviceInfos`, { body: { renew: { automatic: 'yes' } } });
    assert.equal(badType.status, 400);
    assert.equal((await get(s)).billing.renew?.current.mode, 'manual');
  });

  test('renewPeriodSpelling months: a period set in months shows as P12M in /services, not P1Y', async () => {
    await admin(sb, 'POST', '/config', { renewPeriodSpelling: 'months' });
    const s = manualOne('domain');
    await ok(sb, 'PUT', `${url(s)}/serviceInfos`, { body: { renew: { automatic: true, manualPayment: false, period: 12 } } });
    assert.equal((await get(s)).billing.renew?.current.period, 'P12M');
    assert.ok((await ok<string[]>(sb, 'GET', `/services/${s.serviceId}/renewPeriodCapacities`)).includes('P1Y'));
  });

  test('switching to automatic names the missing precondition: contracts, billing contact, debt', async () => {
    const s = manualOne('hosting');
    const body = { renew: { automatic: true, manualPayment: false, period: 12 } };
    await admin(sb, 'POST', '/config', { automaticRenewBlockers: ['contracts'] });
    const contracts = await call(sb, 'PUT', `${url(s)}/serviceInfos`, { body });
    assert.equal(contracts.status, 403);
    assert.match((contracts.json as { class: string; message: string }).message, /contracts/);
    await admin(sb, 'POST', '/config', { automaticRenewBlockers: ['debt'] });
    assert.match(((await call(sb, 'PUT', `${url(s)}/serviceInfos`, { body })).json as { message: string }).message, /debt/);
    await admin(sb, 'POST', '/config', { automaticRenewBlockers: [] });
    assert.equal((await admin(sb, 'POST', `/services/${s.serviceId}`, { contactBilling: 'other-ovh' })).status, 200);
    assert.equal((await ok<Infos>(sb, 'GET', `${url(s)}/serviceInfos`)).contactBilling, 'other-ovh');
    const contact = await call(sb, 'PUT', `${url(s)}/serviceInfos`, { body });
    assert.deepEqual([contact.status, (contact.json as { class: string }).class], [403, 'Client::Forbidden']);
    assert.match((contact.json as { message: string }).message, /billing contact/);
    assert.equal((await get(s)).billing.renew?.current.mode, 'manual');
  });

  test('POST /__sandbox/services/{id}: autorenewInProgress, lifecycle actions, engagement, renew, terminationPolicy, contacts', async () => {
    const s = manualOne('vps');
    const control = await admin(sb, 'POST', `/services/${s.serviceId}`, {
      state: 'autorenewInProgress',
      lifecycleActions: ['earlyRenewal'],
      engagement: { endDate: '2027-01-01', endRule: { strategy: 'REACTIVATE_ENGAGEMENT', possibleStrategies: ['STOP_ENGAGEMENT_FALLBACK_DEFAULT_PRICE'] } },
      terminationPolicy: 'terminateAtExpirationDate',
      contactAdmin: 'someone-else',
    });
    assert.equal(control.status, 200);
    const after = await get(s);
    assert.deepEqual(after.billing.lifecycle.current.pendingActions.sort(), ['autorenewInProgress', 'terminateAtExpirationDate']);
    assert.deepEqual(after.billing.lifecycle.capacities.actions, ['earlyRenewal']);
    assert.equal(after.billing.engagement?.endRule?.strategy, 'REACTIVATE_ENGAGEMENT');
    assert.equal(after.billing.renew?.current.mode, 'manual');
    assert.equal(after.customer.contacts.find((c) => c.type === 'administrator')?.customerCode, 'someone-else');
    assert.equal((await ok<Infos>(sb, 'GET', `${url(s)}/serviceInfos`)).status, 'autorenewInProgress');
    assert.equal((await admin(sb, 'POST', `/services/${s.serviceId}`, { state: 'bogus' })).status, 400);
    assert.equal((await admin(sb, 'POST', '/services/1', { state: 'active' })).status, 404);
  });

  test('stopping at expiry is gated: the lifecycle actions, the admin contact, a commitment; options stop on their own', async () => {
    const stop = { body: { terminationPolicy: 'terminateAtExpirationDate' } };
    const notOffered = manualOne('vps');
    await admin(sb, 'POST', `/services/${notOffered.serviceId}`, { lifecycleActions: ['earlyRenewal', 'terminate'] });
    const refused = await call(sb, 'PUT', `/services/${notOffered.serviceId}`, stop);
    assert.deepEqual([refused.status, (refused.json as { class: string }).class], [403, 'Client::Forbidden']);
    assert.deepEqual((await get(notOffered)).billing.lifecycle.current.pendingActions, []);

    const otherAdmin = manualOne('domain');
    await admin(sb, 'POST', `/services/${otherAdmin.serviceId}`, { contactAdmin: 'someone-else' });
    const notAdmin = await call(sb, 'PUT', `/services/${otherAdmin.serviceId}`, stop);
    assert.equal(notAdmin.status, 403);
    assert.match((notAdmin.json as { message: string }).message, /administrator contact.*someone-else/);

    const option = sb.state.services.find((x) => x.kind === 'option' && x.lifecycleState === 'active' && x.pendingActions.length === 0)!;
    await ok(sb, 'PUT', `/services/${option.serviceId}`, stop);
    assert.deepEqual((await get(option)).billing.lifecycle.current.pendingActions, ['terminateAtExpirationDate']);
    const parent = sb.state.lookup(option.parentServiceId!)!;
    assert.ok(!parent.pendingActions.includes('terminateAtExpirationDate'), 'the parent keeps renewing');
  });

  test('a committed service ends through PUT /services/{id}/billing/engagement/endRule, not terminationPolicy', async () => {
    const s = manualOne('dedicated');
    const endDate = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const possibleStrategies = ['CANCEL_SERVICE', 'REACTIVATE_ENGAGEMENT', 'STOP_ENGAGEMENT_FALLBACK_DEFAULT_PRICE'];
    await admin(sb, 'POST', `/services/${s.serviceId}`, { engagement: { endDate, endRule: { strategy: 'REACTIVATE_ENGAGEMENT', possibleStrategies } } });
    const policy = await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { terminationPolicy: 'terminateAtExpirationDate' } });
    assert.equal(policy.status, 400);
    assert.match((policy.json as { message: string }).message, /engaged until/);
    const bad = await call(sb, 'PUT', `/services/${s.serviceId}/billing/engagement/endRule`, { body: { strategy: 'BOGUS' } });
    assert.equal(bad.status, 400);
    await ok(sb, 'PUT', `/services/${s.serviceId}/billing/engagement/endRule`, { body: { strategy: 'CANCEL_SERVICE' } });
    const after = await get(s);
    assert.equal(after.billing.engagement?.endRule?.strategy, 'CANCEL_SERVICE');
    assert.deepEqual(after.billing.lifecycle.current.pendingActions, ['terminateAtEngagementDate']);
    assert.equal((await ok<{ endRule: { strategy: string } }>(sb, 'GET', `/services/${s.serviceId}/billing/engagement`)).endRule.strategy, 'CANCEL_SERVICE');
    await ok(sb, 'PUT', `/services/${s.serviceId}/billing/engagement/endRule`, { body: { strategy: 'REACTIVATE_ENGAGEMENT' } });
    assert.deepEqual((await get(s)).billing.lifecycle.current.pendingActions, []);
    const other = manualOne('vps');
    assert.equal((await call(sb, 'PUT', `/services/${other.serviceId}/billing/engagement/endRule`, { body: { strategy: 'CANCEL_SERVICE' } })).status, 404);
  });

  test('followUp: 404 before payment; a held order stays checking with the check as its last label until released', async () => {
    const domain = renewableDomain(sb);
    const { orderId } = await ok<{ orderId: number }>(sb, 'POST', `/service/${domain.serviceId}/renew`, {
      body: { dryRun: false, duration: 'P1Y', services: [domain.serviceId] },
    });
    assert.equal((await call(sb, 'GET', `/me/order/${orderId}/followUp`)).status, 404);
    assert.equal((await admin(sb, 'POST', `/orders/${orderId}`, { held: 'FRAUD_DOCS_REQUESTED' })).status, 200);
    await ok(sb, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'SEPA_DIRECT_DEBIT' } });
    // An hour later (far past every delivery step) it still waits.
    await admin(sb, 'POST', '/clock', { offsetSeconds: 3600 });
    assert.equal(await ok(sb, 'GET', `/me/order/${orderId}/status`), 'checking');
    const steps = await ok<{ step: string; status: string; history: { label: string }[] }[]>(sb, 'GET', `/me/order/${orderId}/followUp`);
    assert.equal(steps[0]?.history.at(-1)?.label, 'FRAUD_DOCS_REQUESTED');
    assert.equal((await admin(sb, 'POST', `/orders/${orderId}`, { held: 'bogus' })).status, 400);
    await admin(sb, 'POST', `/orders/${orderId}`, { held: null });
    await admin(sb, 'POST', '/clock', { offsetSeconds: 7200 });
    assert.equal(await ok(sb, 'GET', `/me/order/${orderId}/status`), 'delivered');
  });

  test('legacy payment: an upper-case type is paid with {paymentMean} alone; with an id it is refused; lower-case still needs its id', async () => {
    const domain = renewableDomain(sb);
    const order = async (): Promise<number> =>
      (
        await ok<{ orderId: number }>(sb, 'POST', `/service/${domain.serviceId}/renew`, {
          body: { dryRun: false, duration: 'P1Y', services: [domain.serviceId] },
        })
      ).orderId;
    const first = await order();
    const withId = await call(sb, 'POST', `/me/order/${first}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'SEPA_DIRECT_DEBIT', paymentMeanId: 1 } });
    assert.equal(withId.status, 400);
    const lower = await call(sb, 'POST', `/me/order/${first}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'bankAccount' } });
    assert.equal(lower.status, 400);
    await ok(sb, 'POST', `/me/order/${first}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'SEPA_DIRECT_DEBIT' } });
    const [payment] = sb.ledger().payments;
    assert.deepEqual([payment?.route, payment?.paymentMean, payment?.paymentMeanId], ['payWithRegisteredPaymentMean', 'SEPA_DIRECT_DEBIT', null]);
  });
});

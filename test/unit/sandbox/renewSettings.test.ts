import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok, type ServiceView } from './helpers';

interface Expanded extends ServiceView {
  billing: ServiceView['billing'] & {
    pricing: { duration: string; priceInUcents: number; price: { currencyCode: string } };
    lifecycle: { current: { state: string; pendingActions: string[]; terminationDate: string | null } };
  };
}

suite('sandbox: renew settings (PUT /services/{id}, renewPeriodCapacities, terminationPolicy)', () => {
  let sb: Sandbox;
  let services: Expanded[];

  suiteSetup(async () => {
    sb = await startSandbox({ services: 60, seed: 11 });
  });
  suiteTeardown(() => sb.close());
  setup(async () => {
    sb.reset();
    services = await ok<Expanded[]>(sb, 'GET', '/services', { headers: { 'X-Pagination-Mode': 'CachedObjectList-Pages', Pragma: 'no-cache' } });
  });

  const get = (id: number): Promise<Expanded> => ok<Expanded>(sb, 'GET', `/services/${id}`);
  const switchable = (): Expanded =>
    services.find((s) => s.billing.renew?.capacities.mode.includes('manual') && s.parentServiceId === null && s.billing.lifecycle.current.state === 'active')!;

  test('every listed service carries billing.pricing with a duration, ucents and a currency', () => {
    for (const s of services) {
      assert.match(s.billing.pricing.duration, /^P\d+[MY]$/);
      // Included options (backup storage) are free: 0, never absent.
      assert.ok(Number.isSafeInteger(s.billing.pricing.priceInUcents) && s.billing.pricing.priceInUcents >= 0);
      assert.equal(s.billing.pricing.price.currencyCode, 'EUR');
    }
  });

  test('servicesPutRenew: applied: switching mode and period is applied and read back; pricing follows the period', async () => {
    await admin(sb, 'POST', '/config', { servicesPutRenew: 'applied' });
    const s = switchable();
    const periods = await ok<string[]>(sb, 'GET', `/services/${s.serviceId}/renewPeriodCapacities`);
    const period = periods[periods.length - 1];
    assert.equal((await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { mode: 'automatic', period } } })).status, 200);
    let after = await get(s.serviceId);
    assert.deepEqual([after.billing.renew?.current.mode, after.billing.renew?.current.period, after.billing.pricing.duration], ['automatic', period, period]);
    assert.equal((await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { mode: 'manual' } } })).status, 200);
    after = await get(s.serviceId);
    assert.equal(after.billing.renew?.current.mode, 'manual');
  });

  test("a period or mode the service does not allow is refused with OVH's error body, and nothing changes", async () => {
    const s = switchable();
    const before = await get(s.serviceId);
    const badPeriod = await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { mode: 'manual', period: 'P7Y' } } });
    assert.equal(badPeriod.status, 400);
    assert.deepEqual(badPeriod.json, { class: 'Client::BadRequest', message: 'Renew period P7Y is not allowed for this service' });
    const badEnum = await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { mode: 'sometimes' } } });
    assert.deepEqual(
      [badEnum.status, badEnum.json],
      [
        400,
        { class: 'Client::BadRequest', message: '[renew.mode] Given data (sometimes) does not belong to the services.expanded.Renew.ModeEnum enumeration' },
      ],
    );
    const badType = await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { period: 'yearly' } } });
    assert.deepEqual(
      [badType.status, (badType.json as { message: string }).message],
      [400, '[renew.period] Given data (yearly) is not valid for type duration'],
    );
    assert.deepEqual(await get(s.serviceId), before);

    const forced = services.find((x) => x.billing.renew?.capacities.mode.length === 1);
    assert.ok(forced, 'the sandbox has a forced-automatic service');
    const manual = await call(sb, 'PUT', `/services/${forced.serviceId}`, { body: { renew: { mode: 'manual' } } });
    assert.deepEqual([manual.status, manual.json], [400, { class: 'Client::BadRequest', message: 'Renew mode manual is not allowed for this service' }]);
  });

  test('terminationPolicy: terminateAtExpirationDate marks the service as ending at expiry, empty undoes it', async () => {
    const s = switchable();
    assert.equal((await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { terminationPolicy: 'terminateAtExpirationDate' } })).status, 200);
    let after = await get(s.serviceId);
    assert.ok(after.billing.lifecycle.current.pendingActions.includes('terminateAtExpirationDate'));
    assert.equal(after.billing.lifecycle.current.terminationDate, after.billing.expirationDate);
    assert.equal((await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { terminationPolicy: 'empty' } })).status, 200);
    after = await get(s.serviceId);
    assert.deepEqual(
      after.billing.lifecycle.current.pendingActions.filter((a) => a.startsWith('terminate')),
      [],
    );
    assert.equal(after.billing.lifecycle.current.terminationDate, null);
    const engagement = await call(sb, 'PUT', `/services/${s.serviceId}`, { body: { terminationPolicy: 'terminateAtEngagementDate' } });
    assert.deepEqual([engagement.status, engagement.json], [400, { class: 'Client::BadRequest', message: 'This service has no engagement' }]);
  });

  test('a change shows in a cached list page only with Pragma: no-cache', async () => {
    await admin(sb, 'POST', '/config', { servicesPutRenew: 'applied' });
    const s = switchable();
    const pages = { 'X-Pagination-Mode': 'CachedObjectList-Pages' };
    const modeIn = async (headers: Record<string, string>) =>
      (await ok<Expanded[]>(sb, 'GET', '/services', { headers })).find((x) => x.serviceId === s.serviceId)?.billing.renew?.current.mode;
    const before = await modeIn(pages);
    const target = before === 'manual' ? 'automatic' : 'manual';
    await ok(sb, 'PUT', `/services/${s.serviceId}`, { body: { renew: { mode: target } } });
    assert.equal(await modeIn(pages), before);
    assert.equal(await modeIn({ ...pages, Pragma: 'no-cache' }), target);
  });
});

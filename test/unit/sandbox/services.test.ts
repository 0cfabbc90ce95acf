import * as assert from 'node:assert/strict';
import { SandboxState } from '../../sandbox/state';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok, type ServiceView } from './helpers';

const PAGES = { 'X-Pagination-Mode': 'CachedObjectList-Pages' };
const DAY = 86_400_000;

suite('sandbox: services and pagination', () => {
  let sb: Sandbox;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 60, seed: 11 });
  });
  suiteTeardown(() => sb.close());
  teardown(() => sb.reset());

  test('GET /services lists ids; GET /services/{id} returns services.expanded.Service', async () => {
    const ids = await ok<number[]>(sb, 'GET', '/services');
    assert.equal(ids.length, 60);
    assert.ok(ids.every((id) => Number.isSafeInteger(id)));
    const s = await ok<Record<string, unknown>>(sb, 'GET', `/services/${ids[0]}`);
    assert.deepEqual(Object.keys(s).sort(), ['billing', 'customer', 'parentServiceId', 'resource', 'route', 'serviceId', 'tags']);
    const billing = s.billing as Record<string, unknown>;
    for (const key of ['expirationDate', 'nextBillingDate', 'plan', 'pricing', 'renew', 'lifecycle', 'engagement', 'engagementRequest', 'group']) {
      assert.ok(key in billing, key);
    }
    assert.match(String(billing.expirationDate), /^\d{4}-\d\d-\d\dT00:00:00\+0[12]:00$/);
  });

  test('unknown and malformed service ids', async () => {
    const missing = await call(sb, 'GET', '/services/1');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { class: 'Client::NotFound', message: 'This service does not exist' });
    assert.equal((await call(sb, 'GET', '/services/abc')).status, 400);
  });

  test("Pages mode returns full objects page by page with OVH's headers", async () => {
    const ids = await ok<number[]>(sb, 'GET', '/services');
    const seen: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await call(sb, 'GET', '/services', { headers: { ...PAGES, 'X-Pagination-Size': '25', 'X-Pagination-Number': String(page) } });
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-pagination-elements'], '60');
      assert.equal(res.headers['x-pagination-number'], String(page));
      assert.equal(res.headers['x-pagination-size'], '25');
      const items = res.json as ServiceView[];
      assert.equal(items.length, [25, 25, 10, 0][page - 1]);
      seen.push(...items.map((s) => s.serviceId));
    }
    assert.deepEqual(seen, ids);
  });

  test('Pages mode defaults to page 1 and caps the size at 5000', async () => {
    const res = await call(sb, 'GET', '/services', { headers: { ...PAGES, 'X-Pagination-Size': '100000' } });
    assert.equal(res.headers['x-pagination-number'], '1');
    assert.equal(res.headers['x-pagination-size'], '5000');
    assert.equal((res.json as unknown[]).length, 60);
    assert.equal((await call(sb, 'GET', '/services', { headers: { ...PAGES, 'X-Pagination-Size': '0' } })).status, 400);
    assert.equal((await call(sb, 'GET', '/services', { headers: { ...PAGES, 'X-Pagination-Number': '0' } })).status, 400);
    assert.equal((await call(sb, 'GET', '/services', { headers: { 'X-Pagination-Mode': 'Everything' } })).status, 400);
  });

  test('Cursor mode hands out X-Pagination-Cursor-Next until the end', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const headers: Record<string, string> = { 'X-Pagination-Mode': 'CachedObjectList-Cursor', 'X-Pagination-Size': '40' };
      if (cursor) headers['X-Pagination-Cursor'] = cursor;
      const res = await call(sb, 'GET', '/services', { headers });
      seen.push(...(res.json as ServiceView[]).map((s) => s.serviceId));
      cursor = res.headers['x-pagination-cursor-next'] as string | undefined;
      if (!cursor) break;
    }
    assert.equal(seen.length, 60);
  });

  test('with pagination switched off, X-Pagination-Mode is ignored', async () => {
    await admin(sb, 'POST', '/config', { pagination: false });
    const res = await call(sb, 'GET', '/services', { headers: PAGES });
    assert.equal(res.headers['x-pagination-elements'], undefined);
    assert.ok((res.json as unknown[]).every((id) => typeof id === 'number'));
  });

  test('/me/payment/method and /me/order paginate too', async () => {
    const methods = await call(sb, 'GET', '/me/payment/method', { headers: PAGES });
    assert.equal(methods.headers['x-pagination-elements'], '4');
    assert.ok((methods.json as { paymentMethodId: number }[]).every((m) => typeof m.paymentMethodId === 'number'));
    const orders = await call(sb, 'GET', '/me/order', { headers: PAGES });
    assert.equal(orders.headers['x-pagination-elements'], String((await ok<number[]>(sb, 'GET', '/me/order')).length));
  });

  test('non-ASCII text is escaped as \\uXXXX in JSON bodies', async () => {
    const res = await call(sb, 'GET', '/services', { headers: PAGES });
    assert.ok(!/[^\x00-\x7f]/.test(res.text), 'no raw non-ASCII byte in the body');
    assert.match(res.text, /\\u[0-9a-f]{4}/);
    const names = (res.json as ServiceView[]).map((s) => s.resource.displayName);
    assert.ok(
      names.some((n) => /[^\x00-\x7f]/.test(n)),
      'some display names are non-ASCII once parsed',
    );
  });

  test('the account covers the cases the extension must handle', () => {
    const now = Date.now();
    const services = sb.state.services;
    const has = (label: string, predicate: (s: (typeof services)[number]) => boolean): void => assert.ok(services.some(predicate), label);
    has('domain bundled with hosting', (s) => s.kind === 'domain' && s.bundleId !== null);
    has('domain alone', (s) => s.kind === 'domain' && s.bundleId === null);
    has('vps', (s) => s.kind === 'vps');
    has('dedicated', (s) => s.kind === 'dedicated');
    has('vps option', (s) => s.kind === 'option' && services.find((p) => p.serviceId === s.parentServiceId)?.kind === 'vps');
    has('hosting option', (s) => s.kind === 'option' && services.find((p) => p.serviceId === s.parentServiceId)?.kind === 'hosting');
    has('expired', (s) => s.expirationMs < now);
    has('expiring within 7 days', (s) => s.expirationMs > now && s.expirationMs < now + 7 * DAY);
    has('expiring within 30 days', (s) => s.expirationMs > now + 7 * DAY && s.expirationMs < now + 30 * DAY);
    has('automatic', (s) => s.renewMode === 'automatic');
    has('manual', (s) => s.renewMode === 'manual');
    has('deleteAtExpiration', (s) => s.pendingActions.includes('deleteAtExpiration'));
    has('terminated', (s) => s.lifecycleState === 'terminated');
    has('forced automatic', (s) => s.automaticOnly);
    has('non-ASCII name', (s) => /[^\x00-\x7f]/.test(s.displayName));
  });

  test('options point at their parent and have no route', async () => {
    const option = sb.state.services.find((s) => s.kind === 'option');
    assert.ok(option);
    const view = await ok<ServiceView>(sb, 'GET', `/services/${option.serviceId}`);
    assert.equal(view.route, null);
    assert.equal(view.parentServiceId, option.parentServiceId);
    const parentOptions = await ok<ServiceView[]>(sb, 'GET', `/services/${option.parentServiceId}/options`);
    assert.ok(parentOptions.some((o) => o.serviceId === option.serviceId));
  });

  test('legacy /service/{id} and per-product serviceInfos', async () => {
    const vps = sb.state.services.find((s) => s.kind === 'vps');
    assert.ok(vps);
    const legacy = await ok<{ expirationDate: string; route: { url: string } }>(sb, 'GET', `/service/${vps.serviceId}`);
    assert.match(legacy.expirationDate, /^\d{4}-\d\d-\d\d$/);
    const infos = await ok<{ serviceId: number; expiration: string }>(sb, 'GET', `${legacy.route.url}/serviceInfos`);
    assert.equal(infos.serviceId, vps.serviceId);
    assert.equal(infos.expiration, legacy.expirationDate);
  });

  test('?routes= filters by API route', async () => {
    const vpsOnly = await ok<number[]>(sb, 'GET', '/services?routes=/vps/{serviceName}');
    const expected = sb.state.services.filter((s) => s.kind === 'vps').map((s) => s.serviceId);
    assert.deepEqual(vpsOnly, expected);
  });
});

suite('sandbox: seeded generator', () => {
  const anchor = Date.parse('2026-03-15T12:00:00Z');

  test('the same seed gives the same account; another seed does not', () => {
    const a = new SandboxState({ seed: 42, services: 200, anchorMs: anchor });
    const b = new SandboxState({ seed: 42, services: 200, anchorMs: anchor });
    const c = new SandboxState({ seed: 43, services: 200, anchorMs: anchor });
    assert.deepEqual(a.services, b.services);
    assert.deepEqual(a.account, b.account);
    assert.notDeepEqual(
      a.services.map((s) => s.name),
      c.services.map((s) => s.name),
    );
  });

  test('builds exactly N services with unique ids, 5000 well under a second', () => {
    const started = process.hrtime.bigint();
    const state = new SandboxState({ seed: 5, services: 5000, anchorMs: anchor });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(state.services.length, 5000);
    assert.equal(new Set(state.services.map((s) => s.serviceId)).size, 5000);
    assert.ok(ms < 1000, `took ${ms} ms`);
    for (const n of [0, 1, 2, 3, 7]) assert.equal(new SandboxState({ seed: 1, services: n, anchorMs: anchor }).services.length, n);
  });

  test("a domain's plan is its own extension's (real plans match the domain), for every seed", () => {
    for (const seed of [1, 7, 9, 42]) {
      const state = new SandboxState({ seed, services: 300, anchorMs: anchor });
      for (const s of state.services.filter((candidate) => candidate.kind === 'domain')) {
        const tld = s.name.slice(s.name.lastIndexOf('.') + 1);
        assert.equal(s.plan.productDescription, `Domain .${tld}`, `${s.name} (seed ${seed})`);
        assert.equal(s.plan.code, `domain-${tld}`);
      }
    }
  });

  test('IDN domains are stored in punycode and shown in Unicode, as OVH lists them', () => {
    const state = new SandboxState({ seed: 7, services: 40, anchorMs: anchor });
    const idn = state.services.filter((s) => s.kind === 'domain' && s.name.includes('xn--'));
    assert.ok(idn.length >= 2, `${idn.length} IDN domains`);
    for (const s of idn) assert.ok(!s.displayName.includes('xn--') && /[^\x00-\x7f]/.test(s.displayName), s.displayName);
  });

  test('bundles and options reference services that exist', () => {
    const state = new SandboxState({ seed: 9, services: 500, anchorMs: anchor });
    for (const s of state.services) {
      if (s.bundleId !== null) assert.equal(state.lookup(s.bundleId)?.bundleId, s.serviceId);
      if (s.parentServiceId !== null) assert.ok(state.lookup(s.parentServiceId)?.optionIds.includes(s.serviceId));
    }
  });
});

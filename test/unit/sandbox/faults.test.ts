import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok, until } from './helpers';

interface LogView {
  requests: { method: string; path: string; route: string | null; status: number; at: string; fault?: string }[];
  counts: Record<string, number>;
}

suite('sandbox: fault injection, latency and controls', () => {
  let sb: Sandbox;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 15, seed: 5 });
  });
  suiteTeardown(() => sb.close());
  teardown(() => sb.reset());

  const fault = async (spec: Record<string, unknown>): Promise<void> => {
    const res = await admin(sb, 'POST', '/faults', spec);
    assert.equal(res.status, 201, res.text);
  };

  test("status: OVH's body for the status, on the matching route only", async () => {
    await fault({ path: '/me', kind: 'status', status: 503 });
    const res = await call(sb, 'GET', '/me');
    assert.equal(res.status, 503);
    assert.deepEqual(res.json, { class: 'Server::ServiceUnavailable', message: 'Service Unavailable' });
    assert.ok(res.headers['x-ovh-queryid']);
    assert.equal((await call(sb, 'GET', '/services')).status, 200);
  });

  test('status: 403 variants, 460, and errorCode/message overrides', async () => {
    await fault({ path: '/services/*', kind: 'status', status: 403, errorCode: 'INVALID_CREDENTIAL', times: 1 });
    const invalid = await call(sb, 'GET', '/services/1');
    assert.deepEqual(invalid.json, {
      class: 'Client::Forbidden',
      errorCode: 'INVALID_CREDENTIAL',
      httpCode: '403 Forbidden',
      message: 'This credential is not valid',
    });
    await fault({ path: '/services/*', kind: 'status', status: 403, times: 1 });
    assert.equal(((await call(sb, 'GET', '/services/1')).json as { errorCode: string }).errorCode, 'NOT_GRANTED_CALL');
    await fault({ path: '/1.0/service/*/renew', method: 'GET', kind: 'status', status: 460, times: 1 });
    const expired = await call(sb, 'GET', '/service/1/renew');
    assert.equal(expired.status, 460);
    assert.deepEqual(expired.json, { message: 'This Service is expired' });
    await fault({ path: '/me', kind: 'status', status: 409, message: 'Busy', errorCode: 'ORDER_LOCKED', times: 1 });
    assert.deepEqual((await call(sb, 'GET', '/me')).json, { class: 'Client::Conflict', message: 'Busy', errorCode: 'ORDER_LOCKED' });
  });

  test('times limits a fault, method narrows it, DELETE clears all', async () => {
    await fault({ path: '/me', kind: 'status', status: 500, times: 2 });
    assert.equal((await call(sb, 'GET', '/me')).status, 500);
    assert.equal((await call(sb, 'GET', '/me')).status, 500);
    assert.equal((await call(sb, 'GET', '/me')).status, 200);
    await fault({ path: '/me', method: 'POST', kind: 'status', status: 500 });
    assert.equal((await call(sb, 'GET', '/me')).status, 200);
    await fault({ path: '*', kind: 'status', status: 500 });
    assert.equal((await call(sb, 'GET', '/me')).status, 500);
    assert.equal((await admin(sb, 'DELETE', '/faults')).status, 200);
    assert.equal((await call(sb, 'GET', '/me')).status, 200);
  });

  test('timeout: the request is never answered', async () => {
    await fault({ path: '/me', kind: 'timeout', times: 1 });
    const started = Date.now();
    await assert.rejects(call(sb, 'GET', '/me', { timeoutMs: 300 }), /client timeout/);
    assert.ok(Date.now() - started >= 290);
    const log = (await admin(sb, 'GET', '/requests')).json as LogView;
    assert.ok(log.requests.some((r) => r.path === '/me' && r.status === 0 && r.fault === 'timeout'));
  });

  test('reset: the connection is destroyed', async () => {
    await fault({ path: '/me', kind: 'reset', times: 1 });
    await assert.rejects(
      call(sb, 'GET', '/me'),
      (e: NodeJS.ErrnoException) => ['ECONNRESET', 'EPIPE'].includes(e.code ?? '') || /socket hang up/.test(e.message),
    );
    assert.equal((await call(sb, 'GET', '/me')).status, 200);
  });

  test('malformedJson: 200 with a truncated body', async () => {
    await fault({ path: '/services', kind: 'malformedJson', times: 1 });
    const res = await call(sb, 'GET', '/services');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.throws(() => JSON.parse(res.text) as unknown);
  });

  test('schemaViolation: valid JSON missing a required field or with a wrong type', async () => {
    const ids = await ok<number[]>(sb, 'GET', '/services');
    await fault({ path: '/services/*', kind: 'schemaViolation', times: 1 });
    const broken = await ok<Record<string, unknown>>(sb, 'GET', `/services/${ids[0]}`);
    assert.equal(broken.serviceId, undefined);
    assert.ok('billing' in broken);
    await fault({ path: '/services', kind: 'schemaViolation', times: 1 });
    const list = await ok<unknown[]>(sb, 'GET', '/services');
    assert.equal(typeof list[0], 'string');
    await fault({ path: '/auth/time', kind: 'schemaViolation', times: 1 });
    assert.equal(typeof (await ok(sb, 'GET', '/auth/time')), 'string');
  });

  test('rateLimit: 429 with Retry-After', async () => {
    await fault({ path: '/me', kind: 'rateLimit', retryAfter: 7, times: 1 });
    const res = await call(sb, 'GET', '/me');
    assert.equal(res.status, 429);
    assert.equal(res.headers['retry-after'], '7');
    assert.equal((res.json as { message: string }).message.length > 0, true);
  });

  test('rateLimitPerSecond answers 429 beyond the configured rate', async () => {
    await admin(sb, 'POST', '/config', { rateLimitPerSecond: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(sb, 'GET', '/me')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.equal((await admin(sb, 'POST', '/config', { rateLimitPerSecond: 0 })).status, 400);
  });

  test('latency: global and per route', async () => {
    const time = async (path: string): Promise<number> => {
      const started = Date.now();
      await ok(sb, 'GET', path);
      return Date.now() - started;
    };
    // A delay is a lower bound on the time a request takes, whatever the machine's load;
    // what is not delayed is read from the registry, never from a clock.
    const delay = (path: string): number => sb.latency.delayFor('GET', `/1.0${path}`, path);
    await admin(sb, 'POST', '/latency', { ms: 120, method: 'GET', path: '/me' });
    assert.ok((await time('/me')) >= 115);
    assert.equal(delay('/me'), 120);
    assert.equal(delay('/services'), 0);
    await admin(sb, 'POST', '/latency', { ms: 80 });
    assert.ok((await time('/services')) >= 75);
    assert.equal(delay('/services'), 80);
    assert.equal(delay('/me'), 120, 'the route rule still wins');
    await admin(sb, 'DELETE', '/latency');
    assert.equal(delay('/me'), 0);
  });

  test('the request log records method, path, status and time, counts per route, and resets', async () => {
    await admin(sb, 'DELETE', '/requests');
    const ids = await ok<number[]>(sb, 'GET', '/services');
    await ok(sb, 'GET', `/services/${ids[0]}`);
    await ok(sb, 'GET', `/services/${ids[1]}`);
    await call(sb, 'GET', '/nowhere');
    const log = (await admin(sb, 'GET', '/requests')).json as LogView;
    assert.deepEqual(
      log.requests.map((r) => [r.method, r.status]),
      [
        ['GET', 200],
        ['GET', 200],
        ['GET', 200],
        ['GET', 404],
      ],
    );
    assert.equal(log.requests[1]?.path, `/services/${ids[0]}`);
    assert.ok(!Number.isNaN(Date.parse(log.requests[0]?.at ?? '')));
    assert.equal(log.counts['GET /services/{serviceId}'], 2);
    assert.equal(sb.requests.count('GET', '/services'), 1);
    await admin(sb, 'DELETE', '/requests');
    assert.deepEqual(((await admin(sb, 'GET', '/requests')).json as LogView).requests, []);
  });

  test('admin controls reject bad input', async () => {
    assert.equal((await admin(sb, 'POST', '/faults', { path: '/me', kind: 'explode' })).status, 400);
    assert.equal((await admin(sb, 'POST', '/faults', { path: '/me', kind: 'status', times: 0 })).status, 400);
    assert.equal((await admin(sb, 'POST', '/latency', { ms: -1 })).status, 400);
    assert.equal((await admin(sb, 'POST', '/clock', {})).status, 400);
    assert.equal((await admin(sb, 'GET', '/nope')).status, 404);
  });

  test('POST /__sandbox/reset restores the seeded state', async () => {
    const s = sb.state.services.find((x) => x.kind === 'domain' && x.lifecycleState === 'active');
    assert.ok(s);
    await ok(sb, 'POST', `/service/${s.serviceId}/renew`, { body: { duration: 'P1Y', services: [s.serviceId] } });
    await fault({ path: '/me', kind: 'status', status: 500 });
    assert.equal(sb.ledger().orders.length, 1);
    assert.equal((await admin(sb, 'POST', '/reset')).status, 200);
    assert.deepEqual(sb.ledger(), { orders: [], payments: [] });
    assert.equal((await call(sb, 'GET', '/me')).status, 200);
  });

  test('a hold keeps matching requests unanswered until it is released; others pass, reset releases all', async () => {
    const created = await admin(sb, 'POST', '/holds', { method: 'GET', path: '/service/*/renew' });
    assert.equal(created.status, 201, created.text);
    const { id } = created.json as { id: number };
    let answered = false;
    const held = call(sb, 'GET', '/service/1/renew').then((res) => {
      answered = true;
      return res;
    });
    const waiting = async (): Promise<number> => ((await admin(sb, 'GET', '/holds')).json as { waiting: number }[])[0]?.waiting ?? 0;
    await until('the request waits in the hold', async () => (await waiting()) === 1);
    assert.equal((await call(sb, 'GET', '/me')).status, 200, 'a request the rule does not match is answered');
    assert.equal(answered, false, 'the held request is still unanswered');
    assert.equal((await admin(sb, 'DELETE', `/holds/${id}`)).status, 200);
    assert.notEqual((await held).status, 0);
    assert.deepEqual((await admin(sb, 'GET', '/holds')).json, []);
    assert.equal((await admin(sb, 'DELETE', `/holds/${id}`)).status, 404, 'a released hold is gone');

    await admin(sb, 'POST', '/holds', { path: '/me' });
    const second = call(sb, 'GET', '/me');
    await until('the second request waits', async () => (await waiting()) === 1);
    assert.equal((await admin(sb, 'POST', '/reset')).status, 200);
    assert.equal((await second).status, 200, 'reset released it');
    assert.equal((await admin(sb, 'POST', '/holds', { method: 'GET' })).status, 400, 'a hold needs a path');
  });
});

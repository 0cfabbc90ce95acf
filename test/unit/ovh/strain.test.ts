import * as assert from 'node:assert/strict';
import { OvhApiError } from '../../../src/ovh';
import { followOrder, ORDER_FOLLOW_CEILING_MS, ORDER_POLL_MS, pollDelayMs } from '../../../src/core/orders/orderStatus';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiFor } from './sandboxClient';

suite('Transport strain signs against the sandbox', function () {
  let sb: Sandbox;
  suiteSetup(async () => {
    sb = await startSandbox({ services: 10, seed: 5 });
  });
  suiteTeardown(() => sb.close());
  setup(() => sb.reset());

  for (const [name, fault] of [
    ['429 with Retry-After', { kind: 'rateLimit', retryAfter: 0 }],
    ['an HTML 408 page', { kind: 'status', status: 408, body: '<html><body><h1>408 Request Time-out</h1></body></html>' }],
    ['a reset connection', { kind: 'reset' }],
    ['a 503', { kind: 'status', status: 503 }],
  ] as const) {
    test(`${name}: the GET is retried and the client slows down`, async () => {
      const api = apiFor(sb);
      try {
        await api.me();
        sb.faults.add({ method: 'GET', path: '/me', times: 1, ...fault } as Parameters<Sandbox['faults']['add']>[0]);
        const [rateBefore, windowBefore] = [api.transport.currentRate, api.transport.currentWindow];
        assert.equal((await api.me()).nichandle, sb.state.account.nichandle);
        assert.ok(api.transport.currentRate < rateBefore, `rate ${rateBefore} → ${api.transport.currentRate}`);
        assert.ok(api.transport.currentWindow < windowBefore, `window ${windowBefore} → ${api.transport.currentWindow}`);
      } finally {
        api.dispose();
      }
    });
  }

  test("an HTML 408 page is a timeout, and its HTML is not shown as OVH's message", async () => {
    const api = apiFor(sb);
    try {
      sb.faults.add({ method: 'POST', path: '/service/*/renew', kind: 'status', status: 408, body: '<html>408</html>' } as Parameters<
        Sandbox['faults']['add']
      >[0]);
      const error = await api.createRenewOrder(1, { duration: 'P1Y', services: [1] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof OvhApiError);
      assert.deepEqual([error.kind, error.serverMessage], ['timeout', undefined]);
    } finally {
      api.dispose();
    }
  });
});

suite('Order status polling', () => {
  const fakeClock = () => {
    let now = 0;
    const waits: number[] = [];
    return { waits, clock: { now: () => now, sleep: async (ms: number) => void (waits.push(ms), (now += ms)) } };
  };

  test('first check after one short wait, then never faster than 3 s, backing off', () => {
    const delays = Array.from({ length: 12 }, (_, attempt) => pollDelayMs(attempt, ORDER_POLL_MS));
    assert.equal(delays[0], 3000);
    assert.ok(delays.every((delay, i) => delay >= 3000 && (i === 0 || delay >= (delays[i - 1] ?? 0))));
    assert.ok((delays[11] ?? 0) > (delays[1] ?? 0));
  });

  test('stops at the first final status', async () => {
    const { clock, waits } = fakeClock();
    const statuses = ['checking', 'delivering', 'delivered'];
    const seen: string[] = [];
    const final = await followOrder(
      { getOrderStatus: async () => statuses.shift() ?? 'unexpected' },
      1,
      ORDER_POLL_MS,
      () => false,
      (s) => seen.push(s),
      clock,
    );
    assert.deepEqual([final, seen, waits.length], ['delivered', ['checking', 'delivering', 'delivered'], 3]);
  });

  test('a 404 means the order is gone', async () => {
    const { clock } = fakeClock();
    const gone = new OvhApiError({ kind: 'notFound', method: 'GET', path: '/me/order/1/status', status: 404 });
    const final = await followOrder(
      { getOrderStatus: () => Promise.reject(gone) },
      1,
      ORDER_POLL_MS,
      () => false,
      () => undefined,
      clock,
    );
    assert.equal(final, 'gone');
  });

  test('gives up after 30 minutes of an order that never finishes', async () => {
    const { clock, waits } = fakeClock();
    let calls = 0;
    const final = await followOrder(
      { getOrderStatus: async () => (calls++, 'checking') },
      1,
      ORDER_POLL_MS,
      () => false,
      () => undefined,
      clock,
    );
    assert.equal(final, 'checking');
    const total = waits.reduce((sum, ms) => sum + ms, 0);
    assert.ok(total >= ORDER_FOLLOW_CEILING_MS && total < ORDER_FOLLOW_CEILING_MS + 60_000, `waited ${total} ms`);
    assert.ok(calls < 100, `${calls} status calls in 30 minutes`);
  });
});

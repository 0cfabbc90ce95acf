import * as assert from 'node:assert/strict';
import { OvhApiError } from '../../../src/ovh';
import { RequestLimiter } from '../../../src/ovh/limiter';
import { retryDelayMs, withRetry } from '../../../src/ovh/retry';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

suite('Request limiter', () => {
  test('never runs more than maxConcurrent tasks at once', async () => {
    const limiter = new RequestLimiter({ maxConcurrent: 3, perSecond: 1000, burst: 1000 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.equal(limiter.inFlight, 0);
  });

  test('the token bucket spaces requests beyond the burst', async () => {
    let clock = 0;
    const waits: number[] = [];
    const limiter = new RequestLimiter({
      maxConcurrent: 1,
      perSecond: 10,
      burst: 2,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    for (let i = 0; i < 5; i++) await limiter.run(async () => undefined);
    // Two from the burst, then one every 100 ms.
    assert.deepEqual(waits, [100, 100, 100]);
    assert.equal(clock, 300);
  });

  test('a failing task releases its slot', async () => {
    const limiter = new RequestLimiter({ maxConcurrent: 1, perSecond: 1000, burst: 1000 });
    await assert.rejects(
      limiter.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await limiter.run(async () => 42), 42);
  });
});

suite('Retry policy', () => {
  const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 5000 };
  const error = (kind: 'server' | 'notGranted' | 'rateLimited', retryAfterSeconds?: number): OvhApiError =>
    new OvhApiError({ kind, method: 'GET', path: '/services', retryAfterSeconds });

  test('transient failures are retried up to the limit', async () => {
    let attempts = 0;
    const delays: number[] = [];
    await assert.rejects(
      withRetry(
        async () => {
          attempts++;
          throw error('server');
        },
        policy,
        async (ms) => void delays.push(ms),
      ),
      OvhApiError,
    );
    assert.equal(attempts, 4);
    assert.equal(delays.length, 3);
  });

  test('permanent failures are not retried', async () => {
    let attempts = 0;
    await assert.rejects(
      withRetry(
        async () => {
          attempts++;
          throw error('notGranted');
        },
        policy,
        async () => undefined,
      ),
    );
    assert.equal(attempts, 1);
  });

  test('Retry-After wins over backoff, capped', () => {
    assert.equal(retryDelayMs(error('rateLimited', 2), 1, policy), 2000);
    assert.equal(retryDelayMs(error('rateLimited', 600), 1, policy), 5000);
  });

  test('backoff grows and stays within [ceiling/2, ceiling]', () => {
    for (const attempt of [1, 2, 3]) {
      const ceiling = 100 * 2 ** (attempt - 1);
      assert.equal(
        retryDelayMs(error('server'), attempt, policy, () => 0),
        ceiling / 2,
      );
      assert.equal(
        retryDelayMs(error('server'), attempt, policy, () => 1),
        ceiling,
      );
    }
  });
});

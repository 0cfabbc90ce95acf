import * as assert from 'node:assert/strict';
import { OvhApiError } from '../../../src/ovh';
import { RequestLimiter } from '../../../src/ovh/limiter';
import { retryDelayMs, withRetry } from '../../../src/ovh/retry';

/**
 * Virtual time for the limiter: `sleep` only registers a timer, and `run` moves the clock
 * to the next timer once everything that can run without time passing has run.
 */
class VirtualTime {
  now = 0;
  private timers: Array<{ at: number; order: number; resolve: () => void }> = [];
  private order = 0;
  readonly clock = {
    now: (): number => this.now,
    sleep: (ms: number): Promise<void> => new Promise<void>((resolve) => this.timers.push({ at: this.now + Math.max(0, ms), order: this.order++, resolve })),
  };

  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => (done = true));
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return result;
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers.shift();
      if (!next) throw new Error('nothing left to wait for, and the work has not finished');
      this.now = Math.max(this.now, next.at);
      next.resolve();
    }
  }
}

/**
 * A server that answers after `latencyMs` and, with `perSecond`, 429 beyond that many
 * accepted requests in any sliding second (Retry-After until the oldest leaves it), as the
 * sandbox does. The client retries a 429 after its Retry-After, as the transport does.
 */
function simulatedListing(time: VirtualTime, limiter: RequestLimiter, n: number, latencyMs: number, perSecond?: number) {
  const accepted: number[] = [];
  const stats = { ok: 0, tooMany: 0, peakInFlight: 0 };
  const one = async (): Promise<void> => {
    for (;;) {
      const retryAfter = await limiter.run(async (ticket) => {
        stats.peakInFlight = Math.max(stats.peakInFlight, limiter.inFlight);
        const arrived = time.now;
        while (accepted.length > 0 && (accepted[0] ?? 0) <= arrived - 1000) accepted.shift();
        const limited = perSecond !== undefined && accepted.length >= perSecond;
        if (!limited) accepted.push(arrived);
        await time.clock.sleep(latencyMs);
        if (limited) {
          const seconds = Math.max(1, Math.ceil(((accepted[0] ?? arrived) + 1000 - arrived) / 1000));
          limiter.strained(ticket, seconds * 1000);
          stats.tooMany++;
          return seconds * 1000;
        }
        limiter.answered(ticket, latencyMs);
        stats.ok++;
        return undefined;
      });
      if (retryAfter === undefined) return;
      await time.clock.sleep(retryAfter);
    }
  };
  return { stats, done: Promise.all(Array.from({ length: n }, one)) };
}

suite('Request limiter: an adaptive pace (virtual time)', () => {
  const limiterAt = (time: VirtualTime, options: Partial<ConstructorParameters<typeof RequestLimiter>[0]> = {}): RequestLimiter =>
    new RequestLimiter({ maxConcurrent: 8, ...time.clock, ...options });

  test('starts with 2 in flight and 40 requests per second, and never exceeds its widest window', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time);
    assert.deepEqual([limiter.currentWindow, limiter.currentRate], [2, 40]);
    const { stats, done } = simulatedListing(time, limiter, 200, 25);
    await time.run(done);
    assert.equal(stats.ok, 200);
    assert.equal(stats.peakInFlight, 8, 'widened to the widest window, never beyond');
    assert.equal(limiter.inFlight, 0);
  });

  test('the first requests go out at the starting pace: one every 25 ms', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time, { maxConcurrent: 4, initialConcurrent: 4 });
    const sent: number[] = [];
    await time.run(Promise.all(Array.from({ length: 4 }, () => limiter.run(async () => void sent.push(time.now)))));
    assert.deepEqual(sent, [0, 25, 50, 75]);
  });

  test('quick clean answers widen the window one by one; slow answers do not', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time);
    limiter.answered({ sentAt: 0 }, 20);
    limiter.answered({ sentAt: 0 }, 30);
    assert.equal(limiter.currentWindow, 4);
    const rate = limiter.currentRate;
    assert.ok(rate > 40, `rate ${rate}`);
    limiter.answered({ sentAt: 0 }, 61);
    assert.deepEqual([limiter.currentWindow, limiter.currentRate], [4, rate], 'an answer three times slower than the quickest widens nothing');
  });

  test('"quick" is measured against the last 5 s: a machine that slows down for good sets a new normal', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time);
    limiter.answered({ sentAt: 0 }, 10);
    const widened = limiter.currentWindow;
    time.now = 1000;
    limiter.answered({ sentAt: 1000 }, 80);
    assert.equal(limiter.currentWindow, widened, 'eight times slower than 1 s ago: not quick');
    time.now = 6000;
    limiter.answered({ sentAt: 6000 }, 80);
    limiter.answered({ sentAt: 6000 }, 90);
    assert.equal(limiter.currentWindow, widened + 2, 'the quick answer is 5 s old: 80 ms is the new normal');
  });

  test('a strain halves the window, pauses for Retry-After, and drops the rate below what went through; older answers do not narrow it again', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time, { initialConcurrent: 8, initialPerSecond: 100 });
    const tickets = await time.run(Promise.all(Array.from({ length: 10 }, () => limiter.run(async (ticket) => ticket))));
    assert.equal(time.now, 90, 'ten requests at 100 per second');
    const [older, last] = [...tickets].sort((a, b) => a.sentAt - b.sentAt).slice(-2);
    limiter.strained(last!, 2000);
    assert.equal(limiter.currentWindow, 4);
    assert.equal(limiter.currentRate, 10 * 0.85, 'ten went through in the last second');
    limiter.strained(older!, 1000);
    limiter.answered(older!, 5);
    assert.deepEqual([limiter.currentWindow, limiter.currentRate], [4, 8.5], 'answers to requests sent before the strain change nothing');
    let sentAt = -1;
    await time.run(limiter.run(async (ticket) => void (sentAt = ticket.sentAt)));
    assert.equal(sentAt, 90 + 2000, 'nothing is sent before the Retry-After has passed');
  });

  test('after a strain the pace creeps back: about one request per second more each second', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time, { initialConcurrent: 1, initialPerSecond: 50 });
    const [ticket] = await time.run(Promise.all([limiter.run(async (t) => t)]));
    limiter.strained(ticket!, 0);
    const learnt = limiter.currentRate;
    for (let i = 0; i < 10; i++) limiter.answered({ sentAt: time.now + 1 }, 10);
    assert.ok(limiter.currentRate > learnt && limiter.currentRate < learnt + 10.5, `${learnt} → ${limiter.currentRate}`);
  });

  test('1000 requests against a server limited to 100 per second: under 1 % of answers 429, faster than a sequential loop', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time);
    const { stats, done } = simulatedListing(time, limiter, 1000, 25, 100);
    await time.run(done);
    const answers = stats.ok + stats.tooMany;
    assert.equal(stats.ok, 1000);
    assert.ok(stats.tooMany / answers < 0.01, `${stats.tooMany} × 429 of ${answers} answers`);
    assert.ok(time.now < 1000 * 25, `${time.now} ms, a sequential loop takes ${1000 * 25} ms`);
    assert.ok(time.now >= 10_000, 'the server lets no more than 100 through per second');
  });

  test('1000 requests against a server without a limit: within a fifth of ⌈N/8⌉ round trips (the time to widen)', async () => {
    const time = new VirtualTime();
    const limiter = limiterAt(time);
    const { stats, done } = simulatedListing(time, limiter, 1000, 25);
    await time.run(done);
    assert.equal(stats.tooMany, 0);
    assert.ok(time.now <= Math.ceil(1000 / 8) * 25 * 1.2, `${time.now} ms`);
  });

  test('a failing task releases its slot', async () => {
    const limiter = new RequestLimiter({ maxConcurrent: 1, initialConcurrent: 1, initialPerSecond: 1000 });
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

/**
 * Bounds how hard we hit the API: at most `maxConcurrent` requests in flight, and a
 * token bucket of `burst` requests refilled at `perSecond`. OVH does not publish its
 * limits; bursts stay short and the sustained rate stays modest, which matters for
 * the one-GET-per-service fallback on large accounts.
 *
 * When OVH shows strain (429, an HTML 408 page, a reset connection) the limiter backs
 * off: nothing is sent until the pause ends, and the rate halves (down to an eighth);
 * each answer that is not a strain sign then wins back a tenth of the rate.
 */
export interface LimiterOptions {
  readonly maxConcurrent: number;
  readonly perSecond: number;
  readonly burst: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class RequestLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private tokens: number;
  private refilledAt: number;
  private rate: number;
  private pausedUntil = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: LimiterOptions) {
    if (options.maxConcurrent < 1 || options.perSecond <= 0 || options.burst < 1) {
      throw new RangeError('RequestLimiter needs maxConcurrent ≥ 1, perSecond > 0 and burst ≥ 1');
    }
    this.tokens = options.burst;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.refilledAt = this.now();
    this.rate = options.perSecond;
  }

  /** OVH is under strain: pause for `pauseMs` (Retry-After when given) and halve the rate. */
  backOff(pauseMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(0, pauseMs));
    this.rate = Math.max(this.options.perSecond / 8, this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** An answer without strain: win back part of the rate. */
  recover(): void {
    this.rate = Math.min(this.options.perSecond, this.rate * 1.1);
  }

  /** Requests per second allowed now (lower than `perSecond` after a back-off). */
  get currentRate(): number {
    return this.rate;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquireSlot();
    try {
      await this.takeToken();
      return await task();
    } finally {
      this.releaseSlot();
    }
  }

  get inFlight(): number {
    return this.active;
  }

  private acquireSlot(): Promise<void> {
    if (this.active < this.options.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => resolve()));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next task
    else this.active--;
  }

  private async takeToken(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        this.refilledAt = now;
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}

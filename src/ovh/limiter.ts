/**
 * An adaptive pace for requests to OVH, which publishes no rate limit. It starts with a
 * few requests in flight and a modest rate, and widens both while answers come back
 * quick and clean; a sign of strain (429, an HTML 408 page, a 5xx, a reset connection)
 * narrows them and pauses everything until the pause ends (Retry-After when OVH sends
 * one). The rate after a strain is what actually went through in the last second, a
 * little lower: the server's limit, learnt. From there the rate only creeps back up, so
 * a rate-limited server sees a rare 429, and a server without a limit sees the client
 * at its window's full width.
 *
 * At worst one request at a time is in flight, which is the guide's sequential loop.
 */
export interface LimiterOptions {
  /** The widest the window of requests in flight gets. */
  readonly maxConcurrent: number;
  /** Requests in flight at the start (default 2). */
  readonly initialConcurrent?: number;
  /** Requests per second at the start (default 40: a sequential loop's pace at 25 ms a round trip). */
  readonly initialPerSecond?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Handed to each task: when it was sent, so a strain reported for it can be told apart from older ones. */
export interface LimiterTicket {
  readonly sentAt: number;
}

/** An answer slower than this multiple of the quickest recent one is not "quick": the window stops widening. */
const SLOW_FACTOR = 3;
/**
 * "Recent" for the quickest answer: a machine or network that slows down for good sets a new
 * normal after this long, while a server slowing under our own load keeps us from widening.
 */
const QUICKEST_MEMORY_MS = 5000;
/** Before the first strain the rate grows by this share per clean answer (doubling within about 15 answers). */
const START_GROWTH = 0.05;
/** The learnt rate after a strain: this share of what went through in the last second. */
const LEARNT_SHARE = 0.85;
/** The rate never goes below this (requests per second); the window never below one request. */
const FLOOR_RATE = 1;
/** A bound that only keeps the arithmetic finite: the window limits the pace long before. */
const CEILING_RATE = 10_000;

export class RequestLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private window: number;
  private rate: number;
  /** Until the first strain the pace grows fast; after it, it creeps. */
  private learnt = false;
  private pausedUntil = 0;
  /** A strain is acted on once: answers to requests sent before it are not counted again. */
  private lastStrainAt = Number.NEGATIVE_INFINITY;
  private nextSendAt = 0;
  /**
   * The latencies of the last QUICKEST_MEMORY_MS that no later one undercuts, oldest (and
   * quickest) first: the first is the quickest recent answer.
   */
  private readonly latencies: Array<{ readonly at: number; readonly ms: number }> = [];
  /** When each request of the last second was sent. */
  private readonly sent: number[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: LimiterOptions) {
    const initialConcurrent = options.initialConcurrent ?? 2;
    const initialPerSecond = options.initialPerSecond ?? 40;
    if (options.maxConcurrent < 1 || initialConcurrent < 1 || initialPerSecond <= 0) {
      throw new RangeError('RequestLimiter needs maxConcurrent ≥ 1, initialConcurrent ≥ 1 and initialPerSecond > 0');
    }
    this.window = Math.min(initialConcurrent, options.maxConcurrent);
    this.rate = initialPerSecond;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Requests per second allowed now. */
  get currentRate(): number {
    return this.rate;
  }

  /** Requests allowed in flight now. */
  get currentWindow(): number {
    return Math.floor(this.window);
  }

  get inFlight(): number {
    return this.active;
  }

  async run<T>(task: (ticket: LimiterTicket) => Promise<T>): Promise<T> {
    await this.acquireSlot();
    try {
      const sentAt = await this.takeTurn();
      return await task({ sentAt });
    } finally {
      this.releaseSlot();
    }
  }

  /** A clean answer after `latencyMs`: widen the window and the rate while answers stay quick. */
  answered(ticket: LimiterTicket, latencyMs: number): void {
    if (ticket.sentAt < this.lastStrainAt || latencyMs > this.quickestRecent(latencyMs) * SLOW_FACTOR) return;
    if (this.learnt) {
      // About one more request per second each second, and one more in flight per window of answers.
      this.rate = Math.min(CEILING_RATE, this.rate + 1 / this.rate);
      this.window = Math.min(this.options.maxConcurrent, this.window + 1 / this.window);
    } else {
      this.rate = Math.min(CEILING_RATE, this.rate * (1 + START_GROWTH));
      this.window = Math.min(this.options.maxConcurrent, this.window + 1);
    }
  }

  /**
   * OVH is under strain: nothing is sent for `pauseMs` (Retry-After when given), the window
   * halves and the rate drops below what went through in the last second. Answers to
   * requests that were already in flight then do not narrow it again.
   */
  strained(ticket: LimiterTicket, pauseMs: number): void {
    const now = this.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, pauseMs));
    if (ticket.sentAt < this.lastStrainAt) return;
    this.lastStrainAt = now;
    this.forget(now);
    const through = this.sent.length;
    this.rate = Math.max(FLOOR_RATE, Math.min(this.rate, through) * LEARNT_SHARE);
    this.window = Math.max(1, this.window / 2);
    this.learnt = true;
  }

  /** Records this latency and returns the quickest of the recent ones (itself included). */
  private quickestRecent(latencyMs: number): number {
    const now = this.now();
    const ms = Math.max(1, latencyMs);
    while (this.latencies.length > 0 && (this.latencies.at(-1)?.ms ?? 0) >= ms) this.latencies.pop();
    this.latencies.push({ at: now, ms });
    while ((this.latencies[0]?.at ?? now) <= now - QUICKEST_MEMORY_MS) this.latencies.shift();
    return this.latencies[0]?.ms ?? ms;
  }

  private acquireSlot(): Promise<void> {
    if (this.active < Math.floor(this.window)) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => resolve()));
  }

  private releaseSlot(): void {
    this.active--;
    // A wider window lets more than one waiting task go; a narrower one lets none.
    while (this.waiting.length > 0 && this.active < Math.floor(this.window)) {
      this.active++;
      this.waiting.shift()?.();
    }
  }

  /** Waits for the pause to end and for this request's turn at the current rate; returns when it is sent. */
  private async takeTurn(): Promise<number> {
    for (;;) {
      const now = this.now();
      const at = Math.max(this.pausedUntil, this.nextSendAt);
      if (now < at) {
        await this.sleep(at - now);
        continue;
      }
      this.nextSendAt = Math.max(now, this.nextSendAt) + 1000 / this.rate;
      this.sent.push(now);
      this.forget(now);
      return now;
    }
  }

  private forget(now: number): void {
    while (this.sent.length > 0 && (this.sent[0] ?? now) <= now - 1000) this.sent.shift();
  }
}

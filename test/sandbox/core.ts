import { CredentialStore } from './credentials';
import { HoldRegistry } from './holds';
import { tooManyRequests, type ApiError } from './errors';
import { FaultRegistry, LatencyRegistry } from './faults';
import type { Ledger } from './model';
import { settleOrders } from './orders';
import { RequestLog } from './requestLog';
import { SandboxState } from './state';

/** Settings that admin routes can change while the sandbox runs. */
export interface SandboxConfig {
  /** When false, list endpoints ignore X-Pagination-Mode (the client's fallback path). */
  pagination: boolean;
  /** Requests per second accepted on API routes before answering 429; null for no limit. */
  rateLimitPerSecond: number | null;
  /** Accepted distance between X-Ovh-Timestamp and server time (OVH does not document it). */
  timestampWindowSeconds: number;
  /** Time between order states after payment: checking, delivering, delivered. */
  orderStepMs: number;
  /** A new order appears in GET /me/order only this long after it was created (GET /me/order/{id} finds it at once). */
  orderListingDelayMs: number;
  /** Added to the pre-tax price of created orders, not of dry runs: the price changed in between. */
  orderPriceDeltaCents: number;
  /** Lifetime of OAuth2 access tokens (OVH answers expires_in 3599). */
  tokenTtlSeconds: number;
  /** Added to the real clock: server time as seen by /auth/time, signatures and new orders. */
  clockOffsetSeconds: number;
  /** Which registered method is the default: the VISA card, or the SEPA mandate (no legacy paymentMeanId). */
  defaultPaymentMethod: 'card' | 'sepa';
  /** Balance of the prepaid OVHcloud account (/me/ovhAccount), in the account currency. */
  ovhAccountBalance: number;
  /** Payment types (CREDIT_CARD, PAYPAL, SEPA_DIRECT_DEBIT) or legacy means that orders refuse with 403. */
  refusedPayments: string[];
  /** How a dry run names its (non-)order: orderId 0 (default), null, or no orderId field at all. */
  dryRunOrderId: 'zero' | 'null' | 'absent';
  /** Strategy prices: full order.Price, `{value}` only (OVH's guide), or the first strategy's price broken. */
  renewPrices: 'full' | 'valueOnly' | 'oneBroken';
  /** Lifetime of the per-key cache behind X-Pagination-Mode: CachedObjectList-Pages; 0 turns it off. */
  listCacheSeconds: number;
  /** How /auth/currentCredential answers a refused key: 403 naming the refusal, or 200 with status refused. */
  refusedKeyAnswer: 'forbidden' | 'status';
  /** What PUT /services/{id} does with `renew` for products other than Zimbra slots (the Control Panel uses {route}/serviceInfos for them). */
  servicesPutRenew: 'applied' | 'ignored' | 'refused';
  /** How /services spells a renew period set through {route}/serviceInfos: the plan's own (P1Y) or in months as the Control Panel sends it (P12M). */
  renewPeriodSpelling: 'plan' | 'months';
  /** Account-wide preconditions of automatic renewal that are not met (the Control Panel's checks). */
  automaticRenewBlockers: ('contracts' | 'debt')[];
}

export interface CoreOptions {
  services: number;
  seed: number;
  latencyMs: number;
  orderStepMs: number;
  anchorMs: number;
}

function defaultConfig(orderStepMs: number): SandboxConfig {
  return {
    pagination: true,
    rateLimitPerSecond: null,
    timestampWindowSeconds: 60,
    orderStepMs,
    orderListingDelayMs: 0,
    orderPriceDeltaCents: 0,
    tokenTtlSeconds: 3599,
    clockOffsetSeconds: 0,
    defaultPaymentMethod: 'card',
    ovhAccountBalance: 0,
    refusedPayments: [],
    dryRunOrderId: 'zero',
    renewPrices: 'full',
    listCacheSeconds: 600,
    refusedKeyAnswer: 'forbidden',
    servicesPutRenew: 'ignored',
    renewPeriodSpelling: 'plan',
    automaticRenewBlockers: [],
  };
}

/** The sandbox's whole mutable world, shared by the HTTP pipeline and in-process accessors. */
export class SandboxCore {
  state: SandboxState;
  readonly credentials: CredentialStore;
  config: SandboxConfig;
  readonly faults = new FaultRegistry();
  readonly latency: LatencyRegistry;
  readonly holds = new HoldRegistry();
  readonly log = new RequestLog();
  /** OVH's server-side list cache, per consumer key or service account: see pipeline.ts. */
  readonly listCache = new Map<string, { atMs: number; status: number; body: unknown; headers: Record<string, string> }>();
  /** `https://127.0.0.1:PORT`, known once the server listens. */
  origin = '';
  private recentRequests: number[] = [];

  constructor(readonly options: CoreOptions) {
    this.state = new SandboxState({ seed: options.seed, services: options.services, anchorMs: options.anchorMs });
    this.credentials = new CredentialStore(options.seed, options.anchorMs);
    this.config = defaultConfig(options.orderStepMs);
    this.latency = new LatencyRegistry(options.latencyMs);
  }

  nowMs(): number {
    return Date.now() + this.config.clockOffsetSeconds * 1000;
  }

  serverTimeSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Brings order progress (and the renewals it delivers) up to date. */
  settle(): void {
    settleOrders(this.state, this.nowMs(), this.config.orderStepMs);
  }

  ledger(): Ledger {
    this.settle();
    return structuredClone(this.state.ledger);
  }

  /**
   * Restores the seeded account, orders and ledger, and the startup controls (faults,
   * latency, clock, config, request log). Credentials and tokens survive so that a
   * connected client stays connected.
   */
  reset(): void {
    const o = this.options;
    this.state = new SandboxState({ seed: o.seed, services: o.services, anchorMs: o.anchorMs });
    this.config = defaultConfig(o.orderStepMs);
    this.faults.clear();
    this.latency.reset();
    this.holds.release();
    this.log.reset();
    this.listCache.clear();
    this.credentials.resetPolicies();
    this.recentRequests = [];
  }

  /** Sliding one-second window; returns the error to send when over the configured rate. */
  checkRateLimit(): ApiError | undefined {
    const limit = this.config.rateLimitPerSecond;
    if (limit === null) return undefined;
    const now = Date.now();
    this.recentRequests = this.recentRequests.filter((t) => now - t < 1000);
    if (this.recentRequests.length >= limit) {
      const oldest = this.recentRequests[0] ?? now;
      return tooManyRequests(Math.max(1, Math.ceil((oldest + 1000 - now) / 1000)));
    }
    this.recentRequests.push(now);
    return undefined;
  }
}

import { type HeldCheck, isOvhApiError } from '../../ovh';
import type { RenewApi } from './sessionDeps';

/**
 * Order states after which nothing more happens to an order; `gone` is our name for a 404.
 * OVH's `unknown` is not one: the order is followed again later.
 */
const FINAL = new Set(['delivered', 'cancelled', 'cancelling', 'gone']);

/** Our status names for an order held for checks (from its follow-up): waiting, never final. */
const HELD_STATUS: Record<HeldCheck, string> = {
  FRAUD_DOCS_REQUESTED: 'documentsRequested',
  FRAUD_MANUAL_REVIEW: 'manualReview',
  FRAUD_REFUSED: 'checksRefused',
};
const HELD = new Set(Object.values(HELD_STATUS));

/** Held for checks: it can stay so for days, so it is not followed minute by minute. */
export function isHeldStatus(status: string): boolean {
  return HELD.has(status);
}

export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}

/**
 * The pace OVH's own tooling uses (terraform-provider-ovh): never faster than every 3 s,
 * backing off while the order is processed, and giving up after 30 minutes.
 */
export const ORDER_POLL_MS = 3000;
const MAX_POLL_MS = 30_000;
const BACKOFF = 1.5;
export const ORDER_FOLLOW_CEILING_MS = 30 * 60 * 1000;

/** Wait before check number `attempt` (0-based): the first after one interval, then growing by half each time. */
export function pollDelayMs(attempt: number, minMs: number): number {
  return Math.min(Math.round(minMs * BACKOFF ** attempt), Math.max(minMs, MAX_POLL_MS));
}

export interface PollClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const realClock: PollClock = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * Follows a paid order (`checking` → `delivering` → `delivered`) until it reaches a final
 * state, the caller stops caring, or 30 minutes pass. The first check comes after a short
 * wait (OVH has just taken the payment), then the interval backs off from `minPollMs`.
 * A 404 means the order is gone: reported as `gone`, never as delivered or failed. An order
 * held for checks stops the follow with its held status: the journal keeps it, and the
 * panel follows it again when it opens.
 */
export async function followOrder(
  api: Pick<RenewApi, 'getOrderStatus' | 'orderHeldCheck'>,
  orderId: number,
  minPollMs: number,
  stopped: () => boolean,
  onStatus: (status: string) => void,
  clock: PollClock = realClock,
): Promise<string> {
  let status = 'checking';
  const deadline = clock.now() + ORDER_FOLLOW_CEILING_MS;
  for (let attempt = 0; !stopped() && clock.now() < deadline; attempt++) {
    await clock.sleep(pollDelayMs(attempt, minPollMs));
    if (stopped()) break;
    try {
      status = await api.getOrderStatus(orderId);
    } catch (error) {
      if (!(isOvhApiError(error) && error.kind === 'notFound')) throw error;
      status = 'gone';
    }
    // Still in progress: the follow-up says whether OVH holds it for checks (documents, a review).
    if (!isFinalStatus(status) && status !== 'notPaid' && api.orderHeldCheck) {
      const held = await api.orderHeldCheck(orderId).catch(() => undefined);
      if (held) status = HELD_STATUS[held];
    }
    onStatus(status);
    if (isFinalStatus(status) || isHeldStatus(status)) break;
  }
  return status;
}

/** Order and PDF links open only when they are well-formed https URLs (the client already kept only OVH's own hosts). */
export function safeOrderLink(url: string | null | undefined): string | undefined {
  return url && /^https:\/\//i.test(url) && URL.canParse(url) ? url : undefined;
}

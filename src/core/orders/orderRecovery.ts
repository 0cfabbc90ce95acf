import { isOvhApiError, type Order, type OrderDetail } from '../../ovh';
import { matchOrder, type OrderMatch, type RenewalIntent } from './proofs';
import type { RenewApi } from './sessionDeps';

/**
 * Finding orders at OVH by content, never by amount: two domains of the same extension cost
 * the same. An order is a candidate for an attempt when it was created after the attempt
 * started (by OVH's clock, with a small tolerance), is still unpaid and payable, is not
 * already some other journal entry's order, and its details prove it is exactly the renewal
 * chosen (proofs.ts `matchOrder`).
 */

/** OVH's order date and the time we read from /auth/time may differ by a request's length. */
export const START_TOLERANCE_MS = 30_000;

type SearchApi = Pick<RenewApi, 'listOrderIds' | 'getOrder' | 'getOrderStatus' | 'listOrderDetailIds' | 'getOrderDetail'>;

export interface OrderQuery {
  /** What the user chose: the services by OVH's names in order details, and the period. */
  readonly intent: RenewalIntent;
  readonly since: Date;
  readonly now: Date;
  /** Order ids other records stand for. */
  readonly claimed: ReadonlySet<number>;
  /**
   * Orders created since this moment count in any status, paid ones included: someone
   * renewed these services after the user looked (another window, the Control Panel).
   */
  readonly recentSince?: Date;
}

/** An order at OVH that names at least one of the intent's services, and how it relates. */
export interface NamedOrder {
  readonly order: Order;
  readonly status: string;
  readonly match: Exclude<OrderMatch, 'unrelated'>;
  /** The services its details name, as OVH writes them. */
  readonly names: readonly string[];
  /** Created since `recentSince`. */
  readonly recent: boolean;
}

/** The service names an order's details mention, and whether they prove the intent. */
async function detailsOf(api: SearchApi, orderId: number): Promise<OrderDetail[]> {
  const ids = await api.listOrderDetailIds(orderId);
  return Promise.all(ids.map((id) => api.getOrderDetail(orderId, id)));
}

/**
 * Orders created since `since` that name any of the intent's services: the unpaid, payable
 * ones, plus (with `recentSince`) every one created since then. Each is classified by
 * `matchOrder`; only an `exact`, unpaid, payable, unclaimed one may ever be adopted.
 */
export async function ordersNaming(api: SearchApi, query: OrderQuery): Promise<NamedOrder[]> {
  if (query.intent.serviceNames.length === 0) return [];
  const ids = await api.listOrderIds(query.since);
  const found: NamedOrder[] = [];
  for (const id of [...ids].sort((a, b) => b - a)) {
    if (query.claimed.has(id)) continue;
    const order = await api.getOrder(id);
    const createdAt = order.date ? Date.parse(order.date) : Number.NaN;
    if (!Number.isFinite(createdAt) || createdAt < query.since.getTime()) continue;
    const recent = query.recentSince !== undefined && createdAt >= query.recentSince.getTime();
    if (!recent && isExpired(order, query.now)) continue;
    const status = await api.getOrderStatus(id);
    if (!recent && status !== 'notPaid') continue;
    if (status === 'cancelled' || status === 'cancelling') continue;
    const details = await detailsOf(api, id);
    const match = matchOrder(details, query.intent);
    if (match === 'unrelated') continue;
    found.push({ order, status, match, names: [...new Set(details.flatMap((detail) => (detail.domain ? [detail.domain] : [])))], recent });
  }
  return found;
}

/** Unpaid, payable orders that prove to be exactly this renewal. */
export async function exactUnpaidOrders(api: SearchApi, query: Omit<OrderQuery, 'recentSince'>): Promise<Order[]> {
  const found = await ordersNaming(api, query);
  return found.filter((candidate) => candidate.match === 'exact' && candidate.status === 'notPaid').map((candidate) => candidate.order);
}

export interface SearchClock {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Called between searches: keeps the lease fresh while we look. */
  readonly heartbeat: () => Promise<void>;
}

/**
 * After a "place order" whose answer was lost: searches with backoff until exactly one
 * candidate shows up, several do (we do not guess), or `windowMs` has passed since the
 * first search. OVH may list a new order late, or create it after the client gave up.
 * A failed listing counts as "not known", never as "nothing found".
 */
export async function searchAfterLostAnswer(
  api: SearchApi,
  query: Omit<OrderQuery, 'now' | 'recentSince'>,
  clock: SearchClock,
  windowMs: number,
): Promise<{ found: Order[]; searched: boolean }> {
  const start = clock.now().getTime();
  let delay = 1000;
  let searched = false;
  let found: Order[] = [];
  for (;;) {
    try {
      found = await exactUnpaidOrders(api, { ...query, now: clock.now() });
      searched = true;
      if (found.length > 0) return { found, searched };
    } catch {
      // Keep trying within the window; the record stays either way.
    }
    if (clock.now().getTime() - start >= windowMs) return { found, searched };
    await clock.heartbeat();
    await clock.sleep(delay);
    delay = Math.min(delay * 2, 8000);
  }
}

/** An unpaid order past its expiration date can no longer be paid. */
export function isExpired(order: Pick<Order, 'expirationDate'>, now: Date): boolean {
  const expiresAt = order.expirationDate ? Date.parse(order.expirationDate) : Number.NaN;
  return Number.isFinite(expiresAt) && expiresAt <= now.getTime();
}

export function isNotFound(error: unknown): boolean {
  return isOvhApiError(error) && error.status === 404;
}

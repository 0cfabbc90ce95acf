import { isOvhApiError, type Order } from '../../ovh';
import type { RenewApi } from './sessionDeps';

/**
 * Which order is ours is proven by content, never guessed from an amount: two domains of
 * the same extension cost the same. An order is a candidate for an attempt when it was
 * created after the attempt started (by OVH's clock, with a small tolerance), is still
 * unpaid and payable, is not already some other journal entry's order, and its detail
 * lines name exactly the services the attempt renews.
 */

/** OVH's order date and the time we read from /auth/time may differ by a request's length. */
export const START_TOLERANCE_MS = 30_000;

type SearchApi = Pick<RenewApi, 'listOrderIds' | 'getOrder' | 'getOrderStatus' | 'listOrderDetailIds' | 'getOrderDetail'>;

export interface OrderQuery {
  /** Names of the services, as OVH names them in order details. */
  readonly serviceNames: readonly string[];
  readonly since: Date;
  readonly now: Date;
  /** Order ids other records stand for. */
  readonly claimed: ReadonlySet<number>;
  /** 'exact': details name exactly these services; 'any': at least one of them. */
  readonly match: 'exact' | 'any';
}

/** The service names an order's details mention. */
export async function namesInOrder(api: SearchApi, orderId: number): Promise<Set<string>> {
  const ids = await api.listOrderDetailIds(orderId);
  const details = await Promise.all(ids.map((id) => api.getOrderDetail(orderId, id)));
  return new Set(details.flatMap((detail) => (detail.domain ? [detail.domain] : [])));
}

/** Unpaid, payable orders created since `since` whose details name these services. */
export async function unpaidOrdersNaming(api: SearchApi, query: OrderQuery): Promise<Order[]> {
  if (query.serviceNames.length === 0) return [];
  const ids = await api.listOrderIds(query.since);
  const found: Order[] = [];
  for (const id of [...ids].sort((a, b) => b - a)) {
    if (query.claimed.has(id)) continue;
    const order = await api.getOrder(id);
    const createdAt = order.date ? Date.parse(order.date) : Number.NaN;
    if (!Number.isFinite(createdAt) || createdAt < query.since.getTime()) continue;
    if (isExpired(order, query.now)) continue;
    if ((await api.getOrderStatus(id)) !== 'notPaid') continue;
    const names = await namesInOrder(api, id);
    const wanted = query.serviceNames;
    const matches = query.match === 'exact' ? names.size === wanted.length && wanted.every((name) => names.has(name)) : wanted.some((name) => names.has(name));
    if (matches) found.push(order);
  }
  return found;
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
  query: Omit<OrderQuery, 'now' | 'match'>,
  clock: SearchClock,
  windowMs: number,
): Promise<{ found: Order[]; searched: boolean }> {
  const start = clock.now().getTime();
  let delay = 1000;
  let searched = false;
  let found: Order[] = [];
  for (;;) {
    try {
      found = await unpaidOrdersNaming(api, { ...query, now: clock.now(), match: 'exact' });
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

/**
 * Whether a failed POST certainly did nothing. Only a 4xx answer (other than 429) proves
 * OVH refused it. A 2xx whose body we could not read means OVH did it; 5xx, 429 and
 * network failures leave it unknown.
 */
export function provesNothingDone(error: unknown): boolean {
  const status = isOvhApiError(error) ? error.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}

export function isNotFound(error: unknown): boolean {
  return isOvhApiError(error) && error.status === 404;
}

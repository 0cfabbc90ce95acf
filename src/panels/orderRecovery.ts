import { isOvhApiError, type Order } from '../ovh';
import type { PendingOrder } from './pendingOrders';
import type { RenewApi } from './renewSession';

/** OVH's order dates and our clock may disagree a little; look a bit before we started. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

/**
 * After a "place order" whose answer never arrived (timeout, reset, 5xx), finds the
 * order OVH may have created for it: an order dated after the attempt started whose
 * amount with tax is the one the user confirmed. Returns undefined when there is none.
 */
export async function findOrderAfterFailure(api: Pick<RenewApi, 'listOrderIds' | 'getOrder'>, record: PendingOrder): Promise<Order | undefined> {
  const since = new Date(Date.parse(record.startedAt) - CLOCK_SLACK_MS);
  const ids = await api.listOrderIds(since);
  // Newest first: order ids grow over time.
  for (const id of [...ids].sort((a, b) => b - a)) {
    const order = await api.getOrder(id);
    const createdAt = order.date ? Date.parse(order.date) : Number.NaN;
    if (Number.isFinite(createdAt) && createdAt < since.getTime()) continue;
    if (Math.abs(order.priceWithTax.value - record.withTaxValue) < 0.005) return order;
  }
  return undefined;
}

/**
 * Whether a failed "place order" certainly created nothing. Only a 4xx answer (other
 * than 429) proves OVH refused the order. A 2xx whose body we could not read means OVH
 * did create it; 5xx, 429 and network failures leave it unknown.
 */
export function provesNoOrder(error: unknown): boolean {
  const status = isOvhApiError(error) ? error.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}

import { isoDateTime } from './dates';
import type { OrderRecord } from './model';

/**
 * GET /me/order/{id}/followUp (Beta, billing.order.FollowUp[]): the steps OVH's hub reads
 * beside /status. How the steps map to /status is not published; this is the sandbox's
 * reading: payment validates the order, delivery follows, and a held order stays in
 * VALIDATING with the check as its last history label. 404 before payment (no history yet),
 * as the hub expects.
 */
export function followUp(o: OrderRecord, status: string): object[] | undefined {
  if (!o.payment) return undefined;
  const paidAt = isoDateTime(o.payment.atMs);
  const entry = (label: string, description: string) => ({ date: paidAt, description, label });
  if (o.held) {
    const refused = o.held === 'FRAUD_REFUSED';
    return [
      {
        step: 'VALIDATING',
        status: refused ? 'ERROR' : 'DOING',
        history: [entry('PAYMENT_RECEIVED', 'Payment received'), entry('FRAUD_CHECK', 'Checks'), entry(o.held, o.held)],
      },
      { step: 'VALIDATED', status: 'TODO', history: [] },
      { step: 'DELIVERING', status: 'TODO', history: [] },
      { step: 'AVAILABLE', status: 'TODO', history: [] },
    ];
  }
  const done = (reached: boolean) => (reached ? 'DONE' : 'TODO');
  const delivering = status === 'delivering' || status === 'delivered';
  return [
    { step: 'VALIDATING', status: 'DONE', history: [entry('PAYMENT_RECEIVED', 'Payment received')] },
    { step: 'VALIDATED', status: 'DONE', history: [entry('ORDER_ACCEPTED', 'Order accepted')] },
    { step: 'DELIVERING', status: status === 'delivering' ? 'DOING' : done(delivering), history: delivering ? [entry('DELIVERY', 'Delivery')] : [] },
    { step: 'AVAILABLE', status: done(status === 'delivered'), history: [] },
  ];
}

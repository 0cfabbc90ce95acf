import type { Order } from '../../ovh';
import { paymentSent, type JournalEntry } from './orderJournal';
import { exactUnpaidOrders, isExpired, isNotFound, START_TOLERANCE_MS } from './orderRecovery';
import { isFinalStatus } from './orderStatus';
import type { RenewSession } from './renewSession';
import type { KnownOrder, Step } from './renewSteps';
import type { RenewApi } from './sessionDeps';

/** A recorded attempt with no order found this long after it started is over: nothing could be paid. */
const ABANDONED_ATTEMPT_MS = 24 * 3600 * 1000;

/**
 * A panel opened on a service with journal entries continues the first live one: an
 * attempt whose window is gone is searched for by content; an order that answers 404 or
 * expired unpaid ends with a message; a payment with no known outcome keeps Pay off.
 * While another window holds a lease on these services, nothing is touched.
 */
export class OrderResume {
  constructor(private readonly s: RenewSession) {}

  async resume(api: RenewApi): Promise<Step | undefined> {
    // Another window may hold this service's lease before its journal entry is written.
    if (await this.s.otherWindows.holder([this.s.deps.serviceId])) {
      this.s.addNotice(this.s.otherWindows.elsewhereText());
      return { kind: 'elsewhere', services: [this.s.deps.serviceId] };
    }
    const entries = this.s.deps.journal.forServices(this.s.deps.identity, [this.s.deps.serviceId]);
    if (entries.length === 0) return undefined;
    const services = [...new Set(entries.flatMap((entry) => [entry.serviceId, ...entry.services]))];
    if (await this.s.otherWindows.holder(services)) {
      this.s.addNotice(this.s.otherWindows.elsewhereText());
      return { kind: 'elsewhere', services };
    }
    for (const entry of entries) {
      const step = await this.resumeEntry(api, entry);
      if (step) return step;
    }
    return undefined;
  }

  private async resumeEntry(api: RenewApi, entry: JournalEntry): Promise<Step | undefined> {
    const t = this.s.deps.t;
    if (entry.orderId === undefined) {
      // Sent by a window that is gone (no fresh lease): look for its order once more.
      const since = new Date(Date.parse(entry.startedAt) - START_TOLERANCE_MS);
      const found = await exactUnpaidOrders(api, {
        intent: { serviceNames: entry.serviceNames, duration: entry.duration },
        since,
        now: this.s.now(),
        claimed: this.s.deps.journal.claimedOrderIds(this.s.deps.identity, entry.id),
      });
      const [order] = found;
      if (order && found.length === 1) {
        const record: JournalEntry = {
          ...entry,
          state: 'unpaid',
          orderId: order.orderId,
          withTaxValue: order.priceWithTax.value,
          currencyCode: order.priceWithTax.currencyCode,
        };
        await this.s.deps.journal.write(record);
        this.s.addNotice(t('OVHcloud created the order despite the error. Nothing else was ordered.'));
        // Found at another amount than the one confirmed (the price changed meanwhile): asked, as when placing.
        await this.s.beforePayment.askAboutAmount({ entry: record, order, status: 'notPaid' }, entry, this.s.deps.confirm);
        await this.s.beforePayment.offerMethods(api, { entry: record, order, status: 'notPaid' });
        return this.s.currentStep;
      }
      if (found.length === 0 && this.s.now().getTime() - Date.parse(entry.startedAt) > ABANDONED_ATTEMPT_MS) {
        await this.s.deps.journal.end(entry.id);
        this.s.addNotice(
          t(
            'No order was found for the attempt of {0}, and an order that old could no longer be paid: the attempt is no longer shown.',
            this.s.format.date(entry.startedAt),
          ),
        );
        return undefined;
      }
      this.s.patch({
        error: {
          explanation: t(
            'It is not known whether the order attempted on {0} was created: OVHcloud lists no matching order yet.',
            this.s.format.date(entry.startedAt),
          ),
          nextStep: t('Check your orders at OVHcloud, then try again. If you know better, run "Forget This Order".'),
        },
      });
      return { kind: 'orderUncertain', entry };
    }
    let order: Order;
    try {
      order = await api.getOrder(entry.orderId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.s.deps.journal.end(entry.id);
      this.s.addNotice(t('Order {0} no longer exists at OVHcloud; it is no longer offered here.', entry.orderId));
      return undefined;
    }
    const sent = paymentSent(entry);
    // A payment was sent: an unreadable status keeps Pay off rather than failing the resume.
    const read = sent ? await api.getOrderStatus(entry.orderId).catch(() => undefined) : await api.getOrderStatus(entry.orderId);
    const status = read ?? 'notPaid';
    const known: KnownOrder = { entry, order, status };
    // OVH accepted the payment; its status shows it later. Followed, never offered again.
    if (status === 'notPaid' && entry.state === 'payAccepted') {
      this.s.addNotice(t('OVHcloud accepted the payment of order {0}; its status does not show it yet. This panel follows it.', entry.orderId));
      return { kind: 'tracking', known };
    }
    if (status === 'notPaid') {
      if (read !== undefined && isExpired(order, this.s.now())) {
        await this.s.deps.journal.end(entry.id);
        this.s.addNotice(
          t(
            'Order {0} expired unpaid on {1}: it can no longer be paid and is no longer offered here.',
            entry.orderId,
            this.s.format.date(order.expirationDate),
          ),
        );
        return undefined;
      }
      if (sent) return { kind: 'payUncertain', known };
      await this.s.beforePayment.offerMethods(api, known);
      return this.s.currentStep;
    }
    if (!isFinalStatus(status)) return { kind: 'tracking', known };
    await this.s.deps.journal.end(entry.id);
    // A payment this computer sent with no clear answer: now OVH says how it ended.
    if (sent && status === 'delivered') {
      this.s.addNotice(t('The payment of order {0} went through.', entry.orderId));
      return { kind: 'ended', known };
    }
    return undefined;
  }
}

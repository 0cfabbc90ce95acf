import type { PaymentOption } from '../../ovh';
import type { JournalEntry } from './orderJournal';
import { provesNothingDone } from './orderRecovery';
import { paymentLabel } from './paymentChoices';
import type { KnownOrder } from './renewSteps';
import type { RenewApi } from './sessionDeps';
import type { RenewSession } from './renewSession';

/**
 * Paying an order, with the same guarantees as ordering it: the order's status is read
 * first (someone may have paid it), the lease of its services is taken after the modal,
 * a `paying` journal entry is written before the POST, and a payment with no clear
 * answer is never sent again: Pay stays off while the status is followed.
 */
export class PaymentFlow {
  constructor(private readonly session: RenewSession) {}

  async pay(): Promise<void> {
    const s = this.session;
    const { t } = s.deps;
    const step = s.currentStep;
    if (step.kind !== 'unpaid') return;
    const known = step.known;
    const optionId = s.current.payment?.selectedId;
    const option = optionId === undefined ? undefined : s.options[Number(optionId)];
    if (!option?.selectable) return;
    s.go({ kind: 'confirmingPay', known }, { error: undefined, notice: undefined });
    try {
      const api = await s.requireApi();
      // Pay re-reads the status first: another window or the Control Panel may have paid it.
      if ((await api.getOrderStatus(known.order.orderId)) !== 'notPaid') return this.paidElsewhere(api, known);
      const summary = known.entry.summary;
      const confirmed = await s.deps.confirm(
        summary ? t('Pay the renewal of {0} for {1}?', summary.servicesText, summary.periodText) : t('Pay order {0} now?', known.order.orderId),
        [
          summary ? t('Order {0}. New expiry: {1}.', known.order.orderId, summary.newExpiryText) : '',
          t('Amount with tax: {0}, charged to {1}.', s.format.money(known.order.priceWithTax), paymentLabel(option, t)),
        ]
          .filter(Boolean)
          .join(' '),
        t('Pay'),
        'pay',
      );
      if (!confirmed || s.isDisposed) return s.go({ kind: 'unpaid', known });
      const lease = await s.takeLease(known.entry.services, known);
      if (!lease) return;
      let outcome: 'paid' | 'paidElsewhere' | 'inProgress' | 'failed';
      try {
        outcome = await this.payUnderLease(api, known, option, () => lease.refresh());
      } finally {
        await lease.release().catch(() => undefined);
      }
      if (outcome === 'paidElsewhere') return await this.paidElsewhere(api, known);
      if (outcome === 'inProgress') {
        s.addNotice(t('A payment of order {0} was sent from another window; its outcome is being checked.', known.order.orderId));
        await this.followUncertain(api, known);
      }
      if (outcome === 'paid' || s.currentStep.kind === 'tracking') await s.trackDelivery(api, known);
    } catch (error) {
      s.fail(error);
      if (s.currentStep.kind === 'confirmingPay') s.go({ kind: 'unpaid', known });
    }
  }

  /** After the modal: the journal and OVH again, then `paying` before the POST. */
  private async payUnderLease(
    api: RenewApi,
    known: KnownOrder,
    option: PaymentOption,
    heartbeat: () => Promise<void>,
  ): Promise<'paid' | 'paidElsewhere' | 'inProgress' | 'failed'> {
    const s = this.session;
    if ((await api.getOrderStatus(known.order.orderId)) !== 'notPaid') return 'paidElsewhere';
    const current = s.deps.journal.get(known.entry.id);
    // Another window sent a payment whose outcome OVH does not show yet: follow it, never pay again.
    if (!current || current.state === 'paying' || current.state === 'payUncertain') return 'inProgress';
    const paying: KnownOrder = { ...known, entry: { ...current, state: 'paying' } };
    await s.deps.journal.write(paying.entry);
    s.go({ kind: 'paying', known: paying });
    try {
      await api.payOrder(known.order.orderId, option);
    } catch (error) {
      // Still under the lease: no other window pays while the outcome is unknown.
      await this.afterPayFailure(api, paying, error, heartbeat);
      return 'failed';
    }
    s.deps.log.info(`Order ${known.order.orderId} paid with ${option.paymentMean}.`);
    return 'paid';
  }

  /** After another window's lease on this order ended: true when it was paid there (then followed here). */
  async paidMeanwhile(known: KnownOrder): Promise<boolean> {
    const api = await this.session.requireApi();
    const status = await api.getOrderStatus(known.order.orderId).catch(() => undefined);
    if (status === undefined || status === 'notPaid') return false;
    await this.paidElsewhere(api, { ...known, status });
    return true;
  }

  private async paidElsewhere(api: RenewApi, known: KnownOrder): Promise<void> {
    const s = this.session;
    s.addNotice(s.deps.t('Order {0} was already paid, in another window or at OVHcloud. Nothing more was charged here.', known.order.orderId));
    await s.trackDelivery(api, known);
  }

  private async afterPayFailure(api: RenewApi, known: KnownOrder, error: unknown, heartbeat: () => Promise<void>): Promise<void> {
    const s = this.session;
    if (provesNothingDone(error)) {
      // A refusal: but "already paid" is a refusal too, so ask where the order stands.
      const status = await api.getOrderStatus(known.order.orderId).catch(() => undefined);
      if (status !== undefined && status !== 'notPaid') return this.paidElsewhere(api, known);
      const unpaid: JournalEntry = { ...known.entry, state: 'unpaid' };
      await s.deps.journal.write(unpaid);
      s.fail(error);
      if (status === undefined) return this.followUncertain(api, { ...known, entry: unpaid }, heartbeat);
      return s.go({ kind: 'unpaid', known: { ...known, entry: unpaid } });
    }
    const uncertain: KnownOrder = { ...known, entry: { ...known.entry, state: 'payUncertain' } };
    await s.deps.journal.write(uncertain.entry);
    s.fail(
      error,
      s.deps.t('It is not known whether the payment went through. Pay stays off while the order status is checked; the order page at OVHcloud shows it too.'),
    );
    await this.followUncertain(api, uncertain, heartbeat);
  }

  /**
   * Follows the status of an order whose payment has no clear answer, with backoff, for at
   * least twice the request timeout. Paid: delivery is tracked. Still unpaid once that time
   * has passed and the status was read: the payment did not go through, Pay comes back.
   * Status unreadable: Pay stays off; Try Again looks again.
   */
  async followUncertain(api: RenewApi, known: KnownOrder, heartbeat: () => Promise<void> = async () => undefined): Promise<void> {
    const s = this.session;
    s.go({ kind: 'payFollowing', known });
    const start = s.now().getTime();
    let delay = 1000;
    let lastStatus: string | undefined;
    for (;;) {
      lastStatus = await api.getOrderStatus(known.order.orderId).catch(() => undefined);
      if (lastStatus !== undefined && lastStatus !== 'notPaid') {
        s.patch({ error: undefined, notice: s.deps.t('The payment of order {0} went through.', known.order.orderId) });
        s.go({ kind: 'tracking', known: { ...known, status: lastStatus } });
        return;
      }
      if (s.isDisposed || s.now().getTime() - start >= 2 * s.requestTimeoutMs) break;
      await heartbeat();
      await s.sleep(delay);
      delay = Math.min(delay * 2, 8000);
    }
    if (lastStatus !== 'notPaid') return s.go({ kind: 'payUncertain', known });
    const unpaid: JournalEntry = { ...known.entry, state: 'unpaid' };
    await s.deps.journal.write(unpaid);
    // The error of the failed payment stays shown: it says why.
    s.patch({ notice: s.deps.t('Order {0} is still unpaid: the earlier payment did not go through. You can pay it again.', known.order.orderId) });
    await s.offerPayment(api, { ...known, entry: unpaid });
  }
}

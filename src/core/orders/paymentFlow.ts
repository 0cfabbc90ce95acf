import type { OrderPaymentMethod } from '../../ovh';
import { LeaseLostError } from './leaseFiles';
import { paymentSent, type JournalEntry } from './orderJournal';
import { isFinalStatus, ORDER_FOLLOW_CEILING_MS } from './orderStatus';
import { paymentChoices, paymentLabel } from './paymentChoices';
import { refusedBeforeActing } from './proofs';
import type { KnownOrder } from './renewSteps';
import type { Confirmation, RenewApi } from './sessionDeps';
import type { RenewSession } from './renewSession';

type PayOutcome = 'paid' | 'paidElsewhere' | 'inProgress' | 'failed';

/** A wait on the real clock that does not keep the process alive on its own. */
const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Paying an order, with the same guarantees as ordering it: the order's status, the leases
 * and the journal are read before the modal (someone may be paying or have paid it), the
 * lease is taken after the modal and confirmed right before the POST, a `paying` journal
 * entry is written before it, and a payment with no clear answer is never sent again on
 * its own. A payment OVH has not confirmed is in progress, never failed: only OVH's word
 * (a refusal, or the status) ends it. Paying again then takes an explicit choice in a
 * dialog that says the first payment may still go through.
 */
export class PaymentFlow {
  /** This panel sent a payment for these orders: their "paid" is ours, not another window's. */
  private readonly sentHere = new Set<number>();

  constructor(private readonly session: RenewSession) {}

  /** Pays the order shown with `option`, one of the methods OVH offers for it. */
  async pay(option: OrderPaymentMethod, confirm: Confirmation): Promise<void> {
    const s = this.session;
    const { t } = s.deps;
    const step = s.currentStep;
    if (step.kind !== 'unpaid' && step.kind !== 'payUncertain') return;
    const again = step.kind === 'payUncertain';
    const back = step;
    const known = step.known;
    if (!option.selectable) return;
    s.go({ kind: 'confirmingPay', known }, { error: undefined, notice: undefined });
    try {
      const api = await s.requireApi();
      if (await this.takenElsewhere(api, known)) return;
      const recorded = s.deps.journal.get(known.entry.id);
      if (recorded?.state === 'payAccepted') return await this.paidElsewhere(api, { ...known, entry: recorded });
      if (!again && recorded && recorded.state !== known.entry.state && paymentSent(recorded))
        return await this.followUncertain(api, { ...known, entry: recorded });
      const confirmed = await confirm(...this.dialog(known, option, again), 'pay');
      if (!confirmed || s.isDisposed) return s.go(back);
      const lease = await s.otherWindows.takeLease(known.entry.services, known);
      if (!lease) return;
      let outcome: PayOutcome;
      try {
        outcome = await this.payUnderLease(api, known, option, again, () => lease.confirm());
      } catch (error) {
        if (!(error instanceof LeaseLostError)) throw error;
        return s.otherWindows.goElsewhere(known.entry.services, known);
      } finally {
        await lease.release().catch(() => undefined);
      }
      if (outcome === 'paidElsewhere') return await this.paidElsewhere(api, known);
      if (outcome === 'inProgress') {
        s.addNotice(t('A payment of order {0} was sent from another window; its outcome is being checked.', known.order.orderId));
        return await this.followUncertain(api, known);
      }
      if (outcome === 'paid') s.delivery.follow(api, known);
    } catch (error) {
      s.fail(error);
      if (s.currentStep.kind === 'confirmingPay') s.go(back);
    }
  }

  /** Before a batch lists the order in its Pay All dialog: still unpaid, nobody else paying it. */
  async stillPayable(known: KnownOrder): Promise<boolean> {
    const s = this.session;
    try {
      if (await this.takenElsewhere(await s.requireApi(), known)) return false;
      const recorded = s.deps.journal.get(known.entry.id);
      return recorded !== undefined && !paymentSent(recorded);
    } catch (error) {
      s.fail(error);
      return false;
    }
  }

  /**
   * Before any pay dialog: another window holding the order's lease is paying it, and OVH may
   * show it paid already (another window, the Control Panel). Then the session shows that: true.
   */
  private async takenElsewhere(api: RenewApi, known: KnownOrder): Promise<boolean> {
    const s = this.session;
    if (await s.otherWindows.holder(known.entry.services)) {
      s.otherWindows.goElsewhere(known.entry.services, known);
      return true;
    }
    if ((await api.getOrderStatus(known.order.orderId)) === 'notPaid') return false;
    await this.paidElsewhere(api, known);
    return true;
  }

  /** The modal: what is paid, how much, with what; a second payment says the first may still go through. */
  private dialog(known: KnownOrder, option: OrderPaymentMethod, again: boolean): [string, string, string] {
    const s = this.session;
    const { t } = s.deps;
    const bought = s.format.entry(known.entry);
    const amount = t('Amount with tax: {0}, charged to {1}.', s.format.money(known.order.priceWithTax), paymentLabel(option, t));
    if (again)
      return [
        t('Pay order {0} again?', known.order.orderId),
        [
          // What is paid is named here too: the order's renewal, as in the first dialog.
          t('Renewal of {0} for {1}.', bought.servicesText, bought.periodText),
          t('An earlier payment of order {0} was sent and may still go through: paying again could charge you twice.', known.order.orderId),
          t('Pay again only if the order page at OVHcloud shows no payment.'),
          amount,
        ].join(' '),
        t('Pay Again'),
      ];
    return [
      t('Pay the renewal of {0} for {1}?', bought.servicesText, bought.periodText),
      [bought.newExpiryText ? t('Order {0}. New expiry: {1}.', known.order.orderId, bought.newExpiryText) : t('Order {0}.', known.order.orderId), amount].join(
        ' ',
      ),
      t('Pay'),
    ];
  }

  /** After the modal: the journal and OVH again, then `paying` before the POST, the lease confirmed last. */
  private async payUnderLease(
    api: RenewApi,
    known: KnownOrder,
    option: OrderPaymentMethod,
    again: boolean,
    confirmLease: () => Promise<void>,
  ): Promise<PayOutcome> {
    const s = this.session;
    if ((await api.getOrderStatus(known.order.orderId)) !== 'notPaid') return 'paidElsewhere';
    const current = s.deps.journal.get(known.entry.id);
    // OVH accepted a payment sent from another window; its status shows it later.
    if (current?.state === 'payAccepted') return 'paidElsewhere';
    // Another window sent a payment whose outcome OVH does not show yet: follow it, never pay again.
    if (!current || (!again && paymentSent(current))) return 'inProgress';
    const paying: KnownOrder = { ...known, entry: { ...current, state: 'paying' } };
    await s.deps.journal.write(paying.entry);
    s.go({ kind: 'paying', known: paying });
    await confirmLease();
    this.sentHere.add(known.order.orderId);
    try {
      await api.payOrder(known.order.orderId, option);
    } catch (error) {
      // Still under the lease: no other window pays while the outcome is unknown.
      await this.afterPayFailure(api, paying, error);
      return 'failed';
    }
    s.deps.log.info(`Order ${known.order.orderId} paid with ${option.paymentMean}.`);
    // Written under the lease: OVH's status may show the payment minutes later, and until then
    // this record is what tells every window (and this one after a reload) not to offer Pay.
    await s.deps.journal.write({ ...paying.entry, state: 'payAccepted' }).catch((error: unknown) => {
      s.deps.log.warn(`Could not record that the payment of order ${known.order.orderId} was accepted: ${String(error)}`);
    });
    s.patch({ notice: s.deps.t('Your payment of order {0} went through.', known.order.orderId) });
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
    s.addNotice(
      this.sentHere.has(known.order.orderId)
        ? s.deps.t('Your payment of order {0} went through.', known.order.orderId)
        : s.deps.t('Order {0} was already paid, in another window or at OVHcloud. Nothing more was charged here.', known.order.orderId),
    );
    s.delivery.follow(api, known);
  }

  private async afterPayFailure(api: RenewApi, known: KnownOrder, error: unknown): Promise<void> {
    const s = this.session;
    if (refusedBeforeActing(error)) {
      // A refusal: but "already paid" is a refusal too, so ask where the order stands.
      const status = await api.getOrderStatus(known.order.orderId).catch(() => undefined);
      if (status !== undefined && status !== 'notPaid') return this.paidElsewhere(api, known);
      const unpaid: JournalEntry = { ...known.entry, state: 'unpaid' };
      await s.deps.journal.write(unpaid);
      s.fail(error);
      if (status === undefined) return this.followUncertain(api, { ...known, entry: unpaid });
      return s.go({ kind: 'unpaid', known: { ...known, entry: unpaid } });
    }
    const uncertain: KnownOrder = { ...known, entry: { ...known.entry, state: 'payUncertain' } };
    await s.deps.journal.write(uncertain.entry);
    s.fail(
      error,
      s.deps.t('It is not known whether the payment went through. Pay stays off while the order status is checked; the order page at OVHcloud shows it too.'),
    );
    await this.followUncertain(api, uncertain);
  }

  /**
   * Follows the status of an order whose payment has no clear answer, with backoff. Paid:
   * delivery is tracked. Still unpaid or unreadable after a while: the payment stays "in
   * progress" (step payUncertain, journal payUncertain), the status is still followed at a
   * slower pace while the panel is open, and only an explicit Pay Again can send another.
   */
  async followUncertain(api: RenewApi, known: KnownOrder): Promise<void> {
    const s = this.session;
    s.go({ kind: 'payFollowing', known });
    if (await this.watch(api, known, s.deps.uncertainPaymentWatchMs ?? 2 * s.requestTimeoutMs, 1000)) return;
    s.patch({
      notice: s.deps.t(
        'OVHcloud does not show the payment of order {0} yet. It may still go through: this panel keeps checking. Pay again only if the order page at OVHcloud shows no payment.',
        known.order.orderId,
      ),
    });
    await this.offerAgain(api, known);
    // On a real clock, whatever the session's sleep is: this follow outlives the action that started it.
    void this.watch(api, known, ORDER_FOLLOW_CEILING_MS, 30_000, realSleep).catch(() => undefined);
  }

  /** Polls the status until it shows paid (true), `forMs` passes, the panel closes or moves on. */
  private async watch(api: RenewApi, known: KnownOrder, forMs: number, firstDelay: number, sleep = (ms: number) => this.session.sleep(ms)): Promise<boolean> {
    const s = this.session;
    const start = s.now().getTime();
    const mine = s.currentStep;
    let delay = firstDelay;
    const movedOn = () =>
      s.isDisposed || (s.currentStep !== mine && !(s.currentStep.kind === 'payUncertain' && s.currentStep.known.order.orderId === known.order.orderId));
    for (;;) {
      if (movedOn()) return true;
      const status = await api.getOrderStatus(known.order.orderId).catch(() => undefined);
      if (movedOn()) return true;
      if (status !== undefined && status !== 'notPaid') {
        s.patch({
          error: undefined,
          notice:
            this.sentHere.has(known.order.orderId) || known.entry.state !== 'unpaid'
              ? s.deps.t('Your payment of order {0} went through.', known.order.orderId)
              : s.deps.t('The payment of order {0} went through.', known.order.orderId),
        });
        if (isFinalStatus(status)) await s.deps.journal.end(known.entry.id).catch(() => undefined);
        s.delivery.follow(api, { ...known, status });
        return true;
      }
      if (s.now().getTime() - start >= forMs) return false;
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }

  /** Shows where things stand with Pay Again possible: the payment choices, read fresh. */
  private async offerAgain(api: RenewApi, known: KnownOrder): Promise<void> {
    const s = this.session;
    s.options = await api.listOrderPaymentMethods(known.order.orderId).catch(() => []);
    s.patch({ payment: s.options.length > 0 ? { ...paymentChoices(s.options, s.deps.t, s.format), again: true } : undefined });
    s.go({ kind: 'payUncertain', known });
  }
}

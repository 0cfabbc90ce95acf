import type { Order } from '../../ovh';
import type { RenewOptionRow } from '../../renewal';
import { LeaseLostError, type Lease } from './leaseFiles';
import { JournalUnreadableError, newEntryId, type JournalEntry } from './orderJournal';
import { ordersNaming, searchAfterLostAnswer, START_TOLERANCE_MS, type NamedOrder } from './orderRecovery';
import { refusedBeforeActing } from './proofs';
import type { RenewSession } from './renewSession';
import type { KnownOrder, Previewed } from './renewSteps';
import type { Confirmation, RenewApi } from './sessionDeps';
import { isStorageError } from './storageErrors';

/**
 * How far back the pre-order check looks for unpaid orders naming these services. OVH
 * gives a renewal order an expiration date; an unpaid one is payable until then, and it is
 * that date, not this window, that says whether it still counts.
 */
const EXISTING_ORDER_WINDOW_MS = 60 * 86_400_000;

/**
 * Placing an order: one per intent across panels, windows and machines. The lease of
 * every service of the row is taken after the modal; the journal and OVH's orders naming
 * these services are checked again right before the POST; the journal entry is written
 * before it and the lease confirmed once more. The POST is never retried: after an answer
 * that does not prove a refusal, the order is searched for by its details, with backoff,
 * and adopted only when exactly one order proves to be it (proofs.ts).
 */
export class OrderPlacement {
  constructor(private readonly s: RenewSession) {}

  async placeOrder(confirm: Confirmation): Promise<void> {
    const step = this.s.currentStep;
    if (step.kind !== 'previewed' || step.previewed.row.key !== this.s.current.selectedKey) return;
    const previewed = step.previewed;
    const { row, preview } = previewed;
    this.s.go({ kind: 'confirmingOrder', previewed }, { error: undefined, notice: undefined });
    // Set once the POST is on its way: from then on, nothing may say "nothing was ordered".
    const sent = { value: false };
    try {
      if (await this.busyElsewhere(row.services)) return;
      const confirmed = await confirm(
        this.s.deps.t('Order the renewal of {0} for {1}?', this.s.format.servicesText(row), this.s.format.periodLabel(row)),
        this.s.deps.t(
          'Amount with tax: {0}. New expiry: {1}. OVHcloud creates an order that you then pay.',
          this.s.format.money(preview.priceWithTax),
          this.s.format.date(row.newExpiry),
        ),
        this.s.deps.t('Place Order'),
        'order',
      );
      if (!confirmed || this.s.isDisposed) return this.s.go({ kind: 'previewed', previewed });
      // After the modal: the lock first, then the journal and OVH again, then the POST.
      const lease = await this.s.otherWindows.takeLease(row.services);
      if (!lease) return;
      try {
        if (await this.busyElsewhere(row.services)) return;
        this.s.go({ kind: 'placing', previewed });
        await this.orderUnderLease(previewed, lease, sent, confirm);
      } finally {
        await lease.release().catch(() => undefined);
      }
    } catch (error) {
      this.failed(error, previewed, sent.value);
    }
  }

  /** Why placing stopped, said plainly; back to the preview only while nothing was sent. */
  private failed(error: unknown, previewed: Previewed, sent: boolean): void {
    const { t } = this.s.deps;
    if (error instanceof JournalUnreadableError) {
      this.s.patch({ error: this.s.unreadableJournalError(error) });
    } else if (isStorageError(error) && !sent) {
      this.s.deps.log.warn(`Renew panel for service ${this.s.deps.serviceId}: storage failed: ${String(error)}`);
      this.s.patch({
        error: {
          explanation: t('The order could not be recorded on this computer ({0}), so nothing was ordered.', (error as NodeJS.ErrnoException).code ?? 'I/O'),
          nextStep: t('Check that VS Code can write to its storage folder (free disk space, permissions), then try again.'),
        },
      });
    } else {
      this.s.fail(error, sent ? t('The order request was sent: check your orders at OVHcloud before ordering again.') : undefined);
    }
    const step = this.s.currentStep.kind;
    if (step === 'confirmingOrder' || step === 'placing') this.s.go({ kind: 'previewed', previewed });
  }

  private async orderUnderLease(previewed: Previewed, lease: Lease, sent: { value: boolean }, confirm: Confirmation): Promise<void> {
    const { row, preview } = previewed;
    const api = await this.s.requireApi();
    const startedAt = await this.serverNow(api);
    const names = this.serviceNames(row);
    const existing = await ordersNaming(api, {
      intent: { serviceNames: names, duration: row.renewPeriod },
      since: new Date(startedAt.getTime() - EXISTING_ORDER_WINDOW_MS),
      now: startedAt,
      claimed: this.s.deps.journal.claimedOrderIds(this.s.deps.identity),
      // Not before the preview: an order this panel placed and saw delivered just before is no news.
      recentSince: new Date(previewed.at),
    });
    const entry: JournalEntry = {
      id: newEntryId(this.s.deps.identity, startedAt),
      identity: this.s.deps.identity,
      serviceId: this.s.deps.serviceId,
      services: [...row.services],
      serviceNames: names,
      intentKey: row.key,
      duration: row.renewPeriod,
      state: 'placing',
      withTaxValue: preview.priceWithTax.value,
      currencyCode: preview.priceWithTax.currencyCode,
      startedAt: startedAt.toISOString(),
      newExpiry: row.newExpiry.toISOString(),
    };
    if (existing.length > 0) return this.metExisting(api, existing, entry, previewed, confirm);
    // Written before the POST: if VS Code dies mid-request, the next panel looks for the order.
    await this.s.deps.journal.write(entry);
    try {
      await lease.confirm();
    } catch (error) {
      // Nothing was sent: the record of this attempt goes, the other holder is followed.
      await this.s.deps.journal.end(entry.id);
      if (error instanceof LeaseLostError) return this.s.otherWindows.goElsewhere(row.services);
      throw error;
    }
    let order: Order;
    sent.value = true;
    try {
      order = await api.createRenewOrder(this.s.deps.serviceId, { duration: row.renewPeriod, services: row.services });
    } catch (error) {
      return this.afterLostAnswer(api, entry, error, lease, previewed, confirm);
    }
    this.s.deps.log.info(`Order ${order.orderId} created for service ${this.s.deps.serviceId} (${row.renewPeriod}).`);
    await this.adopt(api, { ...entry, state: 'unpaid', orderId: order.orderId }, order, confirm);
  }

  /**
   * Orders at OVH already name these services. Exactly this renewal, unpaid: offered for
   * payment, nothing new ordered. Anything else (a bundle, another period, one placed and
   * paid since the preview): shown for what it is, and nothing is ordered beside it.
   */
  private async metExisting(api: RenewApi, existing: readonly NamedOrder[], entry: JournalEntry, previewed: Previewed, confirm: Confirmation): Promise<void> {
    const { t } = this.s.deps;
    const exact = existing.filter((found) => found.match === 'exact' && found.status === 'notPaid');
    const [ours] = exact;
    if (ours && exact.length === existing.length && exact.length === 1) {
      // Placed from another machine or the Control Panel: offer it, order nothing.
      this.s.addNotice(t('An unpaid order for this renewal already exists at OVHcloud (order {0}). Nothing new was ordered.', ours.order.orderId));
      return this.adopt(api, { ...entry, state: 'unpaid', orderId: ours.order.orderId }, ours.order, confirm);
    }
    const lines = existing.map((found) =>
      t(
        'Order {0}: {1}, {2}, {3}.',
        found.order.orderId,
        found.names.join(' + '),
        this.s.format.money(found.order.priceWithTax),
        found.status === 'notPaid' ? t('unpaid') : t('paid ({0})', found.status),
      ),
    );
    const paidSince = existing.some((found) => found.recent && found.status !== 'notPaid');
    this.s.patch({
      error: {
        explanation: paidSince
          ? t('Since your preview, OVHcloud received another order for this service. Nothing new was ordered. {0}', lines.join(' '))
          : t('An unpaid order at OVHcloud already includes this service, but it is not the renewal you chose. Nothing new was ordered. {0}', lines.join(' ')),
        nextStep: paidSince
          ? t('Refresh the Services view to see the new expiry before ordering again.')
          : t('Pay or cancel that order at OVHcloud, or let it expire, before ordering this renewal.'),
      },
    });
    this.s.go({ kind: 'previewed', previewed });
  }

  /** The POST failed or its answer was lost: look for the order rather than sending another. */
  private async afterLostAnswer(api: RenewApi, entry: JournalEntry, error: unknown, lease: Lease, previewed: Previewed, confirm: Confirmation): Promise<void> {
    if (refusedBeforeActing(error)) {
      await this.s.deps.journal.end(entry.id);
      this.s.fail(error);
      return this.s.go({ kind: 'previewed', previewed });
    }
    const unknown: JournalEntry = { ...entry, state: 'unknown' };
    await this.s.deps.journal.write(unknown);
    this.s.go(
      { kind: 'searching', entry: unknown },
      { notice: this.s.deps.t('The order request got no clear answer. Looking for the order at OVHcloud before anything else…') },
    );
    const { found } = await searchAfterLostAnswer(
      api,
      {
        intent: { serviceNames: entry.serviceNames, duration: entry.duration },
        since: new Date(Date.parse(entry.startedAt) - START_TOLERANCE_MS),
        claimed: this.s.deps.journal.claimedOrderIds(this.s.deps.identity, entry.id),
      },
      { now: () => this.s.now(), sleep: (ms) => this.s.sleep(ms), heartbeat: () => lease.refresh() },
      2 * this.s.requestTimeoutMs,
    );
    const [order] = found;
    if (order && found.length === 1) {
      this.s.deps.log.warn(`Order ${order.orderId} found by its details after a failed order request.`);
      this.s.patch({ notice: this.s.deps.t('OVHcloud created the order despite the error. Nothing else was ordered.') });
      return this.adopt(api, { ...unknown, state: 'unpaid', orderId: order.orderId }, order, confirm);
    }
    this.s.fail(
      error,
      found.length > 1
        ? this.s.deps.t(
            'It is not known which order was created: several unpaid orders at OVHcloud match this renewal, and none was chosen. Check your orders at OVHcloud.',
          )
        : this.s.deps.t(
            'It is not known whether the order was created: OVHcloud lists no matching order yet. The attempt stays recorded and is checked again when this panel opens; check your orders at OVHcloud before ordering again.',
          ),
    );
    this.s.go({ kind: 'orderUncertain', entry: unknown }, { notice: undefined });
  }

  /** An order that is ours by content: recorded, its amount checked, then offered for payment. */
  private async adopt(api: RenewApi, entry: JournalEntry, order: Order, confirm: Confirmation): Promise<void> {
    const record: JournalEntry = { ...entry, withTaxValue: order.priceWithTax.value, currencyCode: order.priceWithTax.currencyCode };
    await this.s.deps.journal.write(record);
    const known: KnownOrder = { entry: record, order, status: 'notPaid' };
    await this.s.beforePayment.askAboutAmount(known, entry, confirm);
    await this.s.beforePayment.offerMethods(api, known);
  }

  private async busyElsewhere(services: readonly number[]): Promise<boolean> {
    if (await this.s.otherWindows.holder(services)) {
      this.s.otherWindows.goElsewhere(services);
      return true;
    }
    if (this.s.deps.journal.forServices(this.s.deps.identity, services).length > 0) {
      this.s.go({ kind: 'loading' });
      await this.s.start();
      this.s.addNotice(
        this.s.deps.t('This service already has an order in progress or unpaid: it is shown here. Pay it, or forget it, before ordering again.'),
      );
      return true;
    }
    return false;
  }

  /** The services' names as OVH's order details write them; a service without one can never be proven. */
  private serviceNames(row: RenewOptionRow): string[] {
    return row.services.flatMap((id) => {
      const name =
        row.servicesDetails.find((detail) => detail.serviceId === id)?.serviceName ?? (id === this.s.deps.serviceId ? this.s.serviceSummary?.name : undefined);
      return name ? [name] : [];
    });
  }

  private async serverNow(api: RenewApi): Promise<Date> {
    return (await api.serverTime?.().catch(() => undefined)) ?? this.s.now();
  }
}

import type { Order } from '../../ovh';
import type { RenewOptionRow } from '../../renewal';
import type { Lease } from './leaseFiles';
import type { JournalEntry } from './orderJournal';
import { provesNothingDone, searchAfterLostAnswer, START_TOLERANCE_MS, unpaidOrdersNaming } from './orderRecovery';
import type { RenewSession } from './renewSession';
import type { KnownOrder, Previewed } from './renewSteps';
import type { RenewApi } from './sessionDeps';

/** How far back the pre-order check looks for unpaid orders naming these services. */
const EXISTING_ORDER_WINDOW_MS = 48 * 3600 * 1000;

/**
 * Placing an order: one per intent across panels, windows and machines. The lease of
 * every service of the row is taken after the modal; the journal and OVH's unpaid orders
 * naming these services are checked again right before the POST; the journal entry is
 * written before it. The POST is never retried: after a lost answer the order is searched
 * for by its details, with backoff, and adopted only when exactly one order proves to be it.
 */
export class OrderPlacement {
  constructor(private readonly s: RenewSession) {}

  async placeOrder(): Promise<void> {
    const step = this.s.currentStep;
    if (step.kind !== 'previewed' || step.previewed.row.key !== this.s.current.selectedKey) return;
    const previewed = step.previewed;
    const { row, preview } = previewed;
    this.s.go({ kind: 'confirmingOrder', previewed }, { error: undefined, notice: undefined });
    if (await this.busyElsewhere(row.services)) return;
    const confirmed = await this.s.deps.confirm(
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
    const lease = await this.s.takeLease(row.services);
    if (!lease) return;
    try {
      if (await this.busyElsewhere(row.services)) return;
      this.s.go({ kind: 'placing', previewed });
      await this.orderUnderLease(previewed, lease);
    } catch (error) {
      this.s.fail(error);
      if (this.s.currentStep.kind === 'placing') this.s.go({ kind: 'previewed', previewed });
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  private async orderUnderLease(previewed: Previewed, lease: Lease): Promise<void> {
    const { row, preview } = previewed;
    const api = await this.s.requireApi();
    const startedAt = await this.serverNow(api);
    const names = this.serviceNames(row);
    const existing = await unpaidOrdersNaming(api, {
      serviceNames: names,
      since: new Date(startedAt.getTime() - EXISTING_ORDER_WINDOW_MS),
      now: startedAt,
      claimed: this.s.deps.journal.claimedOrderIds(this.s.deps.identity),
      match: 'any',
    });
    const entry: JournalEntry = {
      id: `${startedAt.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      identity: this.s.deps.identity,
      serviceId: this.s.deps.serviceId,
      services: [...row.services],
      serviceNames: names,
      intentKey: row.key,
      duration: row.renewPeriod,
      state: 'placing',
      withTaxText: this.s.format.money(preview.priceWithTax),
      withTaxValue: preview.priceWithTax.value,
      startedAt: startedAt.toISOString(),
      summary: { servicesText: this.s.format.servicesText(row), periodText: this.s.format.periodLabel(row), newExpiryText: this.s.format.date(row.newExpiry) },
    };
    const [found] = existing;
    if (found) {
      // Placed from another machine or the Control Panel: offer it, order nothing.
      this.s.addNotice(this.s.deps.t('An unpaid order for this service already exists at OVHcloud (order {0}). Nothing new was ordered.', found.orderId));
      return this.adopt(api, { ...entry, state: 'unpaid', orderId: found.orderId }, found);
    }
    // Written before the POST: if VS Code dies mid-request, the next panel looks for the order.
    await this.s.deps.journal.write(entry);
    let order: Order;
    try {
      order = await api.createRenewOrder(this.s.deps.serviceId, { duration: row.renewPeriod, services: row.services });
    } catch (error) {
      return this.afterLostAnswer(api, entry, error, lease, previewed);
    }
    this.s.deps.log.info(`Order ${order.orderId} created for service ${this.s.deps.serviceId} (${row.renewPeriod}).`);
    await this.adopt(api, { ...entry, state: 'unpaid', orderId: order.orderId }, order, entry.withTaxValue);
  }

  /** The POST failed or its answer was lost: look for the order rather than sending another. */
  private async afterLostAnswer(api: RenewApi, entry: JournalEntry, error: unknown, lease: Lease, previewed: Previewed): Promise<void> {
    if (provesNothingDone(error)) {
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
        serviceNames: entry.serviceNames,
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
      return this.adopt(api, { ...unknown, state: 'unpaid', orderId: order.orderId }, order, entry.withTaxValue);
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
    this.s.go({ kind: 'orderUnknown', entry: unknown }, { notice: undefined });
  }

  /** An order that is ours by content: recorded, its amount checked, then offered for payment. */
  private async adopt(api: RenewApi, entry: JournalEntry, order: Order, confirmedValue?: number): Promise<void> {
    const record: JournalEntry = { ...entry, withTaxText: this.s.format.money(order.priceWithTax), withTaxValue: order.priceWithTax.value };
    await this.s.deps.journal.write(record);
    const known: KnownOrder = { entry: record, order, status: 'notPaid' };
    if (confirmedValue !== undefined && Math.abs(order.priceWithTax.value - confirmedValue) >= 0.005) {
      const confirmedText = entry.withTaxText;
      this.s.go(
        { kind: 'confirmingPrice', known },
        {
          notice: this.s.deps.t('The amount of order {0} ({1}) differs from the amount you confirmed ({2}).', order.orderId, record.withTaxText, confirmedText),
        },
      );
      const keep = await this.s.deps.confirm(
        this.s.deps.t('The amount of order {0} differs from the one you confirmed. Go on to payment?', order.orderId),
        this.s.deps.t('You confirmed {0}; OVHcloud ordered {1}. Nothing is charged until you pay.', confirmedText, record.withTaxText),
        this.s.deps.t('Go On'),
        'priceChange',
      );
      if (!keep)
        this.s.addNotice(
          this.s.deps.t(
            'Order {0} stays unpaid: nothing is charged unless you pay it. It can no longer be paid after {1}.',
            order.orderId,
            this.s.format.date(order.expirationDate),
          ),
        );
    }
    await this.s.offerPayment(api, known);
  }

  private async busyElsewhere(services: readonly number[]): Promise<boolean> {
    if (await this.s.deps.leases.holder(this.s.leaseKeys(services), this.s.deps.owner)) {
      this.s.go({ kind: 'elsewhere', services }, { notice: this.s.elsewhereText() });
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

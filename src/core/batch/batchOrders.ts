import { itemName, orderableItems, previewedPrices, sumPrices, unpaidItems, type BatchItem } from './batchItems';
import { batchPolicy, type BatchHost } from './batchHost';
import type { BatchPayments } from './batchPayments';

/**
 * Placing a batch's orders: one modal for the new orders (their previewed total only), then
 * each order in turn through its item's session, stopping at the first outcome that is not
 * proven. After such a pause the orders left are confirmed again, never sent on the old answer.
 */
export class BatchOrders {
  constructor(
    private readonly b: BatchHost,
    private readonly payments: BatchPayments,
  ) {}

  async place(): Promise<void> {
    const items = orderableItems(this.b.items);
    if (items.length === 0 || !items.every((item) => item.state.kind === 'previewed')) return;
    const { t } = this.b.deps;
    const format = this.b.format;
    this.b.go({ kind: 'confirmingOrders' }, { notice: undefined, error: undefined });
    const lines = items.map((item) =>
      item.state.kind === 'previewed'
        ? `${format.servicesText(item.state.row)} · ${format.periodLabel(item.state.row)} · ${format.money(item.state.preview.priceWithTax)}`
        : '',
    );
    const total = sumPrices(previewedPrices(items), this.b.deps.locale).join(' + ');
    const detail = [...lines, t('Total with tax: {0}. OVHcloud creates one order per line, which you then pay.', total)].join('\n');
    if (!(await this.b.deps.confirm(t('Place {0} renewal orders?', items.length), detail, t('Place Orders'))) || this.b.isDisposed)
      return this.b.go({ kind: 'previewed' });
    for (const item of items) {
      if (this.b.isDisposed) return;
      const index = this.b.items.indexOf(item);
      item.claims = item.state.kind === 'previewed' ? [...item.state.row.services] : [];
      this.b.setRowState(item, { kind: 'placing' });
      this.b.go({ kind: 'ordering', row: index });
      await item.session.order(batchPolicy(this.b.deps, 'order'));
      await this.b.settle(item);
      if (item.state.kind === 'uncertain') {
        const error = t('It is not known whether the order for {0} was created. Nothing more is ordered until it is found or proven absent.', itemName(item));
        return this.b.go({ kind: 'paused', row: index }, { error });
      }
    }
    await this.afterOrdering();
  }

  /** The paused item is looked for again; the orders left wait for a new confirmation. */
  async checkAgain(item: BatchItem): Promise<void> {
    await item.session.check();
    await this.b.settle(item);
    if (item.state.kind === 'uncertain') return this.b.emit();
    if (!orderableItems(this.b.items).some((candidate) => candidate.state.kind === 'previewed')) {
      this.b.go(this.b.currentStep, { error: undefined });
      return this.afterOrdering();
    }
    const notice = this.b.deps.t('The paused order is resolved. The other orders were not placed: place them again to confirm them.');
    this.b.go({ kind: 'previewed' }, { notice, error: undefined });
  }

  /** Items confirmed but not sent stay unordered; the created orders can be paid. */
  async stop(): Promise<void> {
    for (const item of orderableItems(this.b.items)) if (item.state.kind === 'previewed') this.b.setRowState(item, { kind: 'notAttempted' });
    await this.b.save();
    await this.afterOrdering();
  }

  private async afterOrdering(): Promise<void> {
    await this.payments.load();
    this.b.go(unpaidItems(this.b.items).length > 0 ? { kind: 'ordered' } : { kind: 'done' });
  }
}

import type { OrderPaymentMethod } from '../../ovh';
import type { BatchState } from '../../protocol/batchPanel';
import { itemName, sumPrices, unpaidItems, type BatchItem } from './batchItems';
import { batchPolicy, type BatchHost } from './batchHost';
import { paymentChoices, paymentLabel, paymentMethodKey } from '../orders/paymentChoices';

/**
 * Paying a batch's orders: one method for every order and one modal with the real total of
 * the created orders. Payments go out one after the other without waiting for deliveries,
 * which are then followed together.
 */
export class BatchPayments {
  private options: OrderPaymentMethod[] = [];
  private selected: string | undefined;

  constructor(private readonly b: BatchHost) {}

  /** The methods of the first unpaid order; the choice is kept while it stays usable. */
  async load(): Promise<void> {
    this.options = [...(unpaidItems(this.b.items)[0]?.session.options ?? [])];
    const choices = paymentChoices(this.options, this.b.deps.t, this.b.format);
    if (!choices.options.some((option) => option.id === this.selected && option.selectable)) this.selected = choices.selectedId;
  }

  get view(): { options: readonly OrderPaymentMethod[]; selected: string | undefined } {
    return { options: this.options, selected: this.selected };
  }

  select(id: string, shown: BatchState['payment']): void {
    if (!shown?.options.some((option) => option.id === id && option.selectable)) return;
    this.selected = id;
    this.b.emit();
  }

  async payAll(): Promise<void> {
    const unpaid = unpaidItems(this.b.items);
    const option = this.selected === undefined ? undefined : this.options[Number(this.selected)];
    if (unpaid.length === 0 || !option?.selectable) return;
    const { t } = this.b.deps;
    const back = this.b.currentStep;
    this.b.go({ kind: 'confirmingPay' }, { notice: undefined, error: undefined });
    // An order paid, or being paid, in another window since it was listed is not asked about again.
    const items = [];
    for (const item of unpaid) {
      if (await item.session.stillPayable()) items.push(item);
      else await this.b.settle(item);
    }
    if (items.length === 0) return this.b.go(unpaidItems(this.b.items).length > 0 ? { kind: 'ordered' } : { kind: 'done' });
    const known = items.flatMap((item) => ('known' in item.state ? [{ item, order: item.state.known.order }] : []));
    // Each order named by what it renews (a bundle names its hosting too), never just by its row.
    const named = (item: BatchItem) =>
      'known' in item.state && item.state.known.entry.serviceNames.length > 0 ? this.b.format.entry(item.state.known.entry).servicesText : itemName(item);
    const lines = known.map(({ item, order }) => `${t('Order {0}', order.orderId)} · ${named(item)} · ${this.b.format.money(order.priceWithTax)}`);
    const total = sumPrices(
      known.map(({ order }) => order.priceWithTax),
      this.b.deps.locale,
    ).join(' + ');
    const detail = [...lines, t('Total with tax: {0}, charged to {1}.', total, paymentLabel(option, t))].join('\n');
    if (!(await this.b.deps.confirm(t('Pay {0} orders?', known.length), detail, t('Pay All'))) || this.b.isDisposed) return this.b.go(back);
    const key = paymentMethodKey(option);
    for (const item of items) {
      if (this.b.isDisposed) return;
      this.b.go({ kind: 'paying', row: this.b.items.indexOf(item) });
      if (!item.session.options.some((candidate) => candidate.selectable && paymentMethodKey(candidate) === key)) {
        item.errorText = t('This payment method cannot pay this order: open its panel to pay it with another.');
        continue;
      }
      await item.session.pay(key, batchPolicy(this.b.deps, 'pay'));
      await this.b.settle(item);
    }
    this.b.go(unpaidItems(this.b.items).length > 0 ? { kind: 'ordered' } : { kind: 'done' });
    await Promise.all(items.map((item) => item.session.delivery.followed.then(() => this.b.settle(item))));
    // The tree refreshes once, with fresh data, after the last delivery.
    if (this.b.takeRenewed()) this.b.deps.onRenewed(this.b.deps.accountId);
  }
}

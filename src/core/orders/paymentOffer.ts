import type { JournalEntry } from './orderJournal';
import { paymentChoices } from './paymentChoices';
import { sameAmount } from './proofs';
import type { KnownOrder } from './renewSteps';
import type { RenewSession } from './renewSession';
import type { Confirmation, RenewApi } from './sessionDeps';

/**
 * An order placed or found, before it is paid: its amount checked against the one the user
 * confirmed, then the payment methods OVH accepts for it offered. Paying is PaymentFlow's.
 */
export class PaymentOffer {
  constructor(private readonly s: RenewSession) {}

  /**
   * An order whose amount differs from the one the user confirmed (the price changed at OVH
   * between the preview and the order): said, and asked under `confirm` before payment is
   * offered. Declining leaves the order unpaid; nothing is charged unless it is paid.
   */
  async askAboutAmount(known: KnownOrder, confirmed: JournalEntry, confirm: Confirmation): Promise<void> {
    const s = this.s;
    const { order } = known;
    if (sameAmount(order.priceWithTax.value, confirmed.withTaxValue)) return;
    const confirmedText = s.format.entry(confirmed).withTaxText;
    const orderedText = s.format.money(order.priceWithTax);
    s.go(
      { kind: 'confirmingPrice', known },
      { notice: s.deps.t('The amount of order {0} ({1}) differs from the amount you confirmed ({2}).', order.orderId, orderedText, confirmedText) },
    );
    const keep = await confirm(
      s.deps.t('The amount of order {0} differs from the one you confirmed. Go on to payment?', order.orderId),
      s.deps.t('You confirmed {0}; OVHcloud ordered {1}. Nothing is charged until you pay.', confirmedText, orderedText),
      s.deps.t('Go On'),
      'priceChange',
    );
    if (!keep)
      s.addNotice(
        s.deps.t(
          'Order {0} stays unpaid: nothing is charged unless you pay it. It can no longer be paid after {1}.',
          order.orderId,
          s.format.date(order.expirationDate),
        ),
      );
  }

  /** Offers the order for payment: the methods OVH accepts for it, read fresh. */
  async offerMethods(api: RenewApi, known: KnownOrder): Promise<void> {
    const s = this.s;
    s.options = await api.listOrderPaymentMethods(known.order.orderId);
    s.patch({ payment: paymentChoices(s.options, s.deps.t, s.format) });
    s.go({ kind: 'unpaid', known });
  }
}

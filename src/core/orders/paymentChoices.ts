import type { OrderPaymentMethod } from '../../ovh';
import type { Translate } from '../../translate';
import type { RenewPanelState } from '../../protocol/renewPanel';
import type { PanelFormat } from './panelFormat';

/** Card and PayPal labels are data; the account balances are named in the user's language. */
export function paymentLabel(option: OrderPaymentMethod, t: Translate): string {
  if (option.paymentMean === 'ovhAccount') return t('OVHcloud account');
  if (option.paymentMean === 'fidelityAccount') return t('Fidelity points');
  return option.label;
}

/** Why an option cannot be used; the prepaid account's reasons are ours, in the user's words. */
function statusText(option: OrderPaymentMethod, t: Translate, format: PanelFormat): string {
  if (option.status === 'INSUFFICIENT_BALANCE') return t('balance too low for this order');
  if (option.status === 'BALANCE_UNKNOWN') return t('balance could not be read; sign in again to allow it');
  if (option.status === 'NEEDS_REAUTHORIZE') return t('sign in again (OVHcloud: Sign In) to allow paying with this method');
  return format.paymentStatus(option.status);
}

/**
 * The payment step of the panel: options by index (the webview names an index, never a
 * payment mean or id), the default valid method preselected, unusable ones explained.
 */
export function paymentChoices(options: readonly OrderPaymentMethod[], t: Translate, format: PanelFormat): NonNullable<RenewPanelState['payment']> {
  const choices = options.map((option, index) => ({
    id: String(index),
    label: paymentLabel(option, t),
    isDefault: option.isDefault,
    selectable: option.selectable,
    statusText: option.selectable ? '' : statusText(option, t, format),
  }));
  const preferred = choices.find((choice) => choice.isDefault && choice.selectable) ?? choices.find((choice) => choice.selectable);
  return { options: choices, selectedId: preferred?.id };
}

/** A stable name for a payment method across orders: the same method in another order's list of usable methods. */
export function paymentMethodKey(option: OrderPaymentMethod): string {
  return [option.paymentMean, option.paymentMethodId ?? '', option.paymentMeanId ?? '', option.label].join('|');
}

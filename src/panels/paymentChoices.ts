import type { PaymentOption, Translate } from '../ovh';
import type { PanelState } from '../protocol/renewPanel';
import type { PanelFormat } from './panelFormat';

/** Card and PayPal labels are data; the account balances are named in the user's language. */
export function paymentLabel(option: PaymentOption, t: Translate): string {
  if (option.paymentMean === 'ovhAccount') return t('OVHcloud account');
  if (option.paymentMean === 'fidelityAccount') return t('Fidelity points');
  return option.label;
}

/**
 * The payment step of the panel: options by index (the webview names an index, never a
 * payment mean or id), the default valid method preselected, unusable ones explained.
 */
export function paymentChoices(options: readonly PaymentOption[], t: Translate, format: PanelFormat): NonNullable<PanelState['payment']> {
  const choices = options.map((option, index) => ({
    id: String(index),
    label: paymentLabel(option, t),
    isDefault: option.isDefault,
    selectable: option.selectable,
    statusText: option.selectable ? '' : format.paymentStatus(option.status),
  }));
  const preferred = choices.find((choice) => choice.isDefault && choice.selectable) ?? choices.find((choice) => choice.selectable);
  return { options: choices, selectedId: preferred?.id };
}

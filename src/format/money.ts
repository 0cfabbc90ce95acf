/**
 * Amounts as people read them, in their language. The amount itself (integer micro-cents,
 * its exact decimal text, OVH's `N/A` marker) is the domain's, in renewal/money.
 */
import { NO_CURRENCY, ucentsToDecimalString } from '../renewal';
import { numberFormat } from './intlCache';

/**
 * Whether `Intl` can format the code as a currency. `Intl` accepts any three
 * ASCII letters (an unknown one is shown as the code itself), but rejects
 * OVH's `N/A` and `points`.
 */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Za-z]{3}$/.test(code);
}

// Node 20 implements Intl.NumberFormat v3: format() takes a decimal string and
// formats it exactly. TypeScript's ES2022 lib only declares number | bigint.
function formatDecimalString(format: Intl.NumberFormat, decimal: string): string {
  return (format.format as unknown as (value: string) => string).call(format, decimal);
}

/**
 * Localized amount, e.g. "3,50 €" in `fr`. The amount is passed to `Intl` as
 * an exact decimal string, so large amounts do not lose digits. For `N/A` the
 * plain number is shown with two decimals; for `points` and other non-ISO
 * codes the plain number with up to two decimals. In both cases the unit is
 * left to the UI, which can label it in the user's language.
 */
export function formatMoney(ucents: number, currencyCode: string, locale: string): string {
  const decimal = ucentsToDecimalString(ucents);
  if (isCurrencyCode(currencyCode)) {
    return formatDecimalString(numberFormat(locale, { style: 'currency', currency: currencyCode.toUpperCase() }), decimal);
  }
  const fractionDigits = currencyCode === NO_CURRENCY ? 2 : 0;
  return formatDecimalString(numberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: 2 }), decimal);
}

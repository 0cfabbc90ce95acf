/** order.Price as the OVH API prints it (me.json adds priceInUcents to the older schema). */
export interface Price {
  currencyCode: string;
  priceInUcents: number;
  text: string;
  value: number;
}

/** A micro-centime is a millionth of a cent. Amounts are kept as whole cents internally. */
export const UCENTS_PER_CENT = 1_000_000;

const SYMBOLS: Record<string, string> = { EUR: '\u20ac', GBP: '\u00a3', USD: '$', CAD: '$' };

export function price(cents: number, currency = 'EUR'): Price {
  const value = Math.round(cents) / 100;
  const symbol = SYMBOLS[currency] ?? currency;
  const text = currency === 'EUR' ? `${value.toFixed(2)} ${symbol}` : `${symbol}${value.toFixed(2)}`;
  return { currencyCode: currency, priceInUcents: Math.round(cents) * UCENTS_PER_CENT, text, value };
}

/** French VAT, which the seeded account (ovhSubsidiary FR) pays. */
export function taxCents(cents: number): number {
  return Math.round(cents * 0.2);
}

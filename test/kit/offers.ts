import type { RenewDescription } from '../../src/renewal';

/**
 * A renew offer (`GET /service/{id}/renew`) of one period with one strategy: `services`
 * renewed together for `value` EUR (text `${value} €`). Offers with several strategies or odd
 * prices are written out in full, so a test shows what it is about.
 */
export function renewOffer(renewPeriod: string, services: readonly number[], value: number): RenewDescription {
  return { renewPeriod, strategies: [{ services, price: { currencyCode: 'EUR', text: `${value} €`, value } }] };
}

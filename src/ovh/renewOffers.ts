import { RenewStrategySchema, type RenewOffer } from './schemas';

/**
 * GET /service/{id}/renew, strategy by strategy. OVH's own renewal guide prints prices as
 * `{"value": 1.99}` only: those take the account's currency. A strategy that does not
 * parse keeps its place without a price, so the comparison reports it (invalidPrice or
 * noServices) and shows the others.
 */
export interface RawOffer {
  readonly renewPeriod: string;
  readonly strategies: readonly unknown[];
}

export function offersNeedCurrency(raw: readonly RawOffer[]): boolean {
  return raw.some((offer) => offer.strategies.some((strategy) => !hasCurrency(strategy)));
}

export function readOffers(raw: readonly RawOffer[], currency: string | undefined): RenewOffer[] {
  return raw.map((offer) => ({
    renewPeriod: offer.renewPeriod,
    strategies: offer.strategies.map((strategy): RenewOffer['strategies'][number] => {
      const parsed = RenewStrategySchema.safeParse(strategy);
      if (!parsed.success) return { price: null, priceInUcents: null, services: serviceIds(strategy), servicesDetails: null };
      const price = parsed.data.price;
      return { ...parsed.data, price: { ...price, currencyCode: price.currencyCode ?? currency ?? null } };
    }),
  }));
}

function hasCurrency(strategy: unknown): boolean {
  const price = (strategy as { price?: { currencyCode?: unknown } } | null)?.price;
  return typeof price?.currencyCode === 'string' && price.currencyCode !== '';
}

function serviceIds(strategy: unknown): number[] {
  const services = (strategy as { services?: unknown } | null)?.services;
  return Array.isArray(services) ? services.filter((id): id is number => typeof id === 'number') : [];
}

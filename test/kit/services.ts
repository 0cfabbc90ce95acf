import { OvhApiError } from '../../src/ovh/errors';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';

/**
 * A service as the listing gives it: an active domain renewed automatically every year at
 * 12.99 EUR, expiring 2027-01-10 (Paris midnight). Tests name only what they are about.
 */
export function serviceSummary(serviceId: number, over: Partial<ServiceSummary> = {}): ServiceSummary {
  return {
    serviceId,
    name: `s${serviceId}.example`,
    displayName: `s${serviceId}.example`,
    type: 'domain',
    expirationDate: '2027-01-10T00:00:00+01:00',
    nextBillingDate: '2027-01-10T00:00:00+01:00',
    renewMode: 'automatic',
    renewPeriod: 'P1Y',
    pendingActions: [],
    lifecycleState: 'active',
    pricing: { duration: 'P1Y', ucents: 1_299_000_000, currency: 'EUR' },
    ...over,
  };
}

/** A service of the fake OVHs (the unit tests' FakeOvh, the money model's SimOvh), with the renew strategies its panel offers. */
export interface CatalogService {
  readonly serviceId: number;
  readonly name: string;
  readonly type: 'DOMAIN' | 'HOSTING';
  /** Renew strategies offered from this service's panel: services renewed and the price without tax. */
  readonly strategies: ReadonlyArray<{ readonly services: readonly number[]; readonly price: number }>;
}

/** The fake OVHs' account: a domain renewed alone, and a domain and its hosting, each renewable alone or together. */
export const CATALOG: readonly CatalogService[] = [
  { serviceId: 1, name: 'alpha.com', type: 'DOMAIN', strategies: [{ services: [1], price: 10 }] },
  {
    serviceId: 2,
    name: 'beta.com',
    type: 'DOMAIN',
    strategies: [
      { services: [2], price: 10 },
      { services: [2, 3], price: 50 },
    ],
  },
  {
    serviceId: 3,
    name: 'hosting-beta',
    type: 'HOSTING',
    strategies: [
      { services: [3], price: 40 },
      { services: [2, 3], price: 50 },
    ],
  },
];

/** The fake OVHs' tax rate: a price with tax is the price without tax × TAX, to the cent. */
export const TAX = 1.2;

/** A service of a fake OVH's `catalog` as GET /services/{id} gives it (404 for another id): expiring 2026-12-01, nothing pending. */
export function catalogSummary(catalog: readonly CatalogService[], serviceId: number): ServiceSummary {
  const service = catalog.find((candidate) => candidate.serviceId === serviceId);
  if (!service) throw new OvhApiError({ kind: 'notFound', method: 'GET', path: `/services/${serviceId}`, status: 404 });
  return {
    serviceId,
    name: service.name,
    displayName: service.name,
    type: service.type === 'DOMAIN' ? 'domain' : 'webHosting',
    expirationDate: '2026-12-01T00:00:00+01:00',
    pendingActions: [],
  } as ServiceSummary;
}

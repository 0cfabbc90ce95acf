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

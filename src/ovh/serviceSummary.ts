import { decimalToUcents } from '../renewal/money';
import { knownName } from './serviceNames';
import type { Service } from './schemas';

/** Product families the UI knows how to show; anything else is 'other', never an error. */
/** Product families the UI knows how to show, in the order customers think of them. */
export const SERVICE_TYPES = [
  'domain',
  'dnsZone',
  'webHosting',
  'email',
  'vps',
  'dedicatedServer',
  'publicCloud',
  'privateDatabase',
  'ip',
  'ssl',
  'option',
  'other',
] as const;
/** Anything else is 'other', never an error. */
export type ServiceType = (typeof SERVICE_TYPES)[number];

const ROUTE_TYPES: ReadonlyArray<[RegExp, ServiceType]> = [
  [/^\/domain\/zone\//, 'dnsZone'],
  [/^\/domain\//, 'domain'],
  [/^\/hosting\/web\//, 'webHosting'],
  [/^\/hosting\/privateDatabase\//, 'privateDatabase'],
  [/^\/email\//, 'email'],
  [/^\/vps\//, 'vps'],
  [/^\/dedicated\/server\//, 'dedicatedServer'],
  [/^\/cloud\/project\//, 'publicCloud'],
  [/^\/ip\//, 'ip'],
  [/^\/ssl/, 'ssl'],
];

/**
 * What the tree, the filters and the cache need of a service: small, flat and free
 * of anything secret, so it can be cached in globalState as is.
 */
export interface ServiceSummary {
  readonly serviceId: number;
  readonly parentServiceId?: number;
  readonly name: string;
  readonly displayName: string;
  readonly type: ServiceType;
  /** e.g. "/vps/{serviceName}", kept for options and unknown products. */
  readonly routePath?: string;
  readonly productName?: string;
  readonly productDescription?: string;
  readonly expirationDate?: string;
  readonly creationDate?: string;
  readonly renewMode?: string;
  readonly renewPeriod?: string;
  readonly lifecycleState?: string;
  readonly resourceState?: string;
  readonly pendingActions: readonly string[];
  readonly terminationDate?: string;
  /** `billing.nextBillingDate`: when OVH bills the next period (the outlook's first date). */
  readonly nextBillingDate?: string;
  /** `billing.pricing`: the price of one `duration`, read once so the outlook needs no request per service. */
  readonly pricing?: ServicePricing;
  /** `billing.renew.capacities.mode`: the renew modes OVH lets this service switch to. */
  readonly renewModes?: readonly string[];
  /** `billing.lifecycle.capacities.actions`: what OVH lets the account do (stop at expiry only where it lists terminateAtExpirationDate). */
  readonly lifecycleActions?: readonly string[];
  /** `billing.engagement`: a commitment, which ends through its end rule rather than at expiry. */
  readonly engagement?: ServiceEngagement;
  /** The administrator contact (`customer.contacts`): the only one who may end the service. */
  readonly adminContact?: string;
}

export interface ServiceEngagement {
  readonly endDate?: string;
  readonly endStrategy?: string;
  readonly endStrategies: readonly string[];
}

export interface ServicePricing {
  readonly duration?: string;
  readonly ucents?: number;
  readonly currency?: string;
}

export function serviceTypeOf(routePath: string | null | undefined, parentServiceId: number | null | undefined): ServiceType {
  if (routePath) {
    const match = ROUTE_TYPES.find(([pattern]) => pattern.test(routePath));
    if (match) return match[1];
  }
  return parentServiceId !== null && parentServiceId !== undefined ? 'option' : 'other';
}

const defined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

function pricingOf(pricing: Service['billing']['pricing']): ServicePricing | undefined {
  if (!pricing) return undefined;
  const price = pricing.price;
  let ucents = defined(pricing.priceInUcents) ?? defined(price?.priceInUcents);
  if (ucents === undefined && price) {
    try {
      ucents = decimalToUcents(price.value);
    } catch {
      ucents = undefined;
    }
  }
  return { duration: defined(pricing.duration), ucents, currency: price?.currencyCode };
}

export function summarizeService(service: Service): ServiceSummary {
  const { billing, resource } = service;
  const lifecycle = billing.lifecycle?.current;
  return {
    serviceId: service.serviceId,
    parentServiceId: defined(service.parentServiceId),
    name: resource.name,
    // The name people know: Unicode for IDN domains, whichever form OVH sent.
    displayName: knownName({ serviceId: service.serviceId, name: resource.name, displayName: resource.displayName }),
    type: serviceTypeOf(service.route?.path, service.parentServiceId),
    routePath: defined(service.route?.path),
    productName: defined(resource.product?.name),
    productDescription: defined(resource.product?.description) ?? defined(billing.plan?.invoiceName),
    expirationDate: defined(billing.expirationDate),
    creationDate: defined(lifecycle?.creationDate),
    renewMode: defined(billing.renew?.current?.mode),
    renewPeriod: defined(billing.renew?.current?.period),
    lifecycleState: defined(lifecycle?.state),
    resourceState: defined(resource.state),
    pendingActions: lifecycle?.pendingActions ?? [],
    terminationDate: defined(lifecycle?.terminationDate),
    nextBillingDate: defined(billing.nextBillingDate),
    pricing: pricingOf(billing.pricing),
    renewModes: defined(billing.renew?.capacities?.mode),
    lifecycleActions: defined(billing.lifecycle?.capacities?.actions),
    engagement: billing.engagement
      ? {
          endDate: defined(billing.engagement.endDate),
          endStrategy: defined(billing.engagement.endRule?.strategy),
          endStrategies: billing.engagement.endRule?.possibleStrategies ?? [],
        }
      : undefined,
    adminContact: defined(service.customer?.contacts?.find((contact) => contact.type === 'administrator')?.customerCode),
  };
}

/**
 * The shape of a listing cached in globalState, and the check that reads it back.
 * Only the non-secret ServiceSummary fields are stored (no keys or tokens; prices, which are not secret, feed the outlook).
 * Anything unreadable (an older format, a hand-edited value) is treated as "no cache"
 * and simply refetched, never shown half-parsed. Pure.
 */
import { knownName, SERVICE_TYPES, type ServiceEngagement, type ServicePricing, type ServiceSummary, type ServiceType } from '../../ovh';

// 2: adds nextBillingDate, pricing and renewModes; 3: lifecycleActions, engagement and adminContact (who may stop a service). An older cache is refetched once.
export const CACHE_FORMAT = 3;
export const CACHE_KEY_PREFIX = 'ovhcloud.services.listing.';

export interface Unreadable {
  readonly serviceId?: number;
  readonly schemaPath: string;
}

export interface CachedListing {
  readonly format: typeof CACHE_FORMAT;
  /** Epoch milliseconds of the API answer. */
  readonly fetchedAt: number;
  readonly services: readonly ServiceSummary[];
  readonly unreadable: readonly Unreadable[];
}

export function cacheKeyOf(accountId: string): string {
  return `${CACHE_KEY_PREFIX}${accountId}`;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set<string>(SERVICE_TYPES);

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Copies exactly the ServiceSummary fields, so nothing else ever reaches the cache. */
export function toCachedService(service: ServiceSummary): ServiceSummary {
  return {
    serviceId: service.serviceId,
    parentServiceId: service.parentServiceId,
    name: service.name,
    displayName: service.displayName,
    type: service.type,
    routePath: service.routePath,
    productName: service.productName,
    productDescription: service.productDescription,
    expirationDate: service.expirationDate,
    creationDate: service.creationDate,
    renewMode: service.renewMode,
    renewPeriod: service.renewPeriod,
    lifecycleState: service.lifecycleState,
    resourceState: service.resourceState,
    pendingActions: [...service.pendingActions],
    terminationDate: service.terminationDate,
    nextBillingDate: service.nextBillingDate,
    pricing: service.pricing && { duration: service.pricing.duration, ucents: service.pricing.ucents, currency: service.pricing.currency },
    renewModes: service.renewModes && [...service.renewModes],
    lifecycleActions: service.lifecycleActions && [...service.lifecycleActions],
    engagement: service.engagement && {
      endDate: service.engagement.endDate,
      endStrategy: service.engagement.endStrategy,
      endStrategies: [...service.engagement.endStrategies],
    },
    adminContact: service.adminContact,
  };
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined);

function readEngagement(raw: unknown): ServiceEngagement | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  return { endDate: optionalString(value.endDate), endStrategy: optionalString(value.endStrategy), endStrategies: strings(value.endStrategies) ?? [] };
}

function readPricing(raw: unknown): ServicePricing | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  const ucents = typeof value.ucents === 'number' && Number.isSafeInteger(value.ucents) ? value.ucents : undefined;
  return { duration: optionalString(value.duration), ucents, currency: optionalString(value.currency) };
}

function readService(raw: unknown): ServiceSummary | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.serviceId !== 'number' || typeof value.name !== 'string' || typeof value.displayName !== 'string') return undefined;
  const parent = value.parentServiceId;
  return {
    serviceId: value.serviceId,
    parentServiceId: typeof parent === 'number' ? parent : undefined,
    name: value.name,
    // A cache written before names were decoded may hold an IDN domain in punycode.
    displayName: knownName({ serviceId: value.serviceId, name: value.name, displayName: value.displayName }),
    // A type this version does not know degrades to "other", like an unknown route.
    type: typeof value.type === 'string' && KNOWN_TYPES.has(value.type) ? (value.type as ServiceType) : 'other',
    routePath: optionalString(value.routePath),
    productName: optionalString(value.productName),
    productDescription: optionalString(value.productDescription),
    expirationDate: optionalString(value.expirationDate),
    creationDate: optionalString(value.creationDate),
    renewMode: optionalString(value.renewMode),
    renewPeriod: optionalString(value.renewPeriod),
    lifecycleState: optionalString(value.lifecycleState),
    resourceState: optionalString(value.resourceState),
    pendingActions: Array.isArray(value.pendingActions) ? value.pendingActions.filter((action): action is string => typeof action === 'string') : [],
    terminationDate: optionalString(value.terminationDate),
    nextBillingDate: optionalString(value.nextBillingDate),
    pricing: readPricing(value.pricing),
    renewModes: strings(value.renewModes),
    lifecycleActions: strings(value.lifecycleActions),
    engagement: readEngagement(value.engagement),
    adminContact: optionalString(value.adminContact),
  };
}

export function makeCachedListing(services: readonly ServiceSummary[], unreadable: readonly Unreadable[], fetchedAt: number): CachedListing {
  return {
    format: CACHE_FORMAT,
    fetchedAt,
    services: services.map(toCachedService),
    unreadable: unreadable.map((entry) => ({ serviceId: entry.serviceId, schemaPath: entry.schemaPath })),
  };
}

export function readCachedListing(raw: unknown): CachedListing | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (value.format !== CACHE_FORMAT || typeof value.fetchedAt !== 'number' || !Array.isArray(value.services)) return undefined;
  const services: ServiceSummary[] = [];
  for (const entry of value.services) {
    const service = readService(entry);
    if (!service) return undefined;
    services.push(service);
  }
  const unreadable = Array.isArray(value.unreadable)
    ? value.unreadable
        .filter(
          (entry): entry is { serviceId?: unknown; schemaPath: string } =>
            entry !== null && typeof entry === 'object' && typeof (entry as { schemaPath?: unknown }).schemaPath === 'string',
        )
        .map((entry) => ({ serviceId: typeof entry.serviceId === 'number' ? entry.serviceId : undefined, schemaPath: entry.schemaPath }))
    : [];
  return { format: CACHE_FORMAT, fetchedAt: value.fetchedAt, services, unreadable };
}

/**
 * What the Services view derives from one cached ServiceSummary at a given instant:
 * how urgent it is, how it renews and whether it is going away. Pure (no vscode), so
 * grouping, filters, counts and texts can be unit-tested in plain Node.
 */
import type { ServiceSummary } from '../../ovh';
import { expiryStatus, renewModeOf, willTerminate, type ExpandedService, type ExpiryBucket, type ExpiryStatus, type RenewMode } from '../../renewal';

/**
 * The expiry bucket, except that a service OVH already terminated gets its own value:
 * it is past its date like an expired one, but there is nothing left to renew, so it
 * must neither look urgent nor count in the badge.
 */
export type Urgency = ExpiryBucket | 'terminated';

export interface ServiceFacts {
  readonly service: ServiceSummary;
  readonly status: ExpiryStatus;
  readonly urgency: Urgency;
  readonly renewMode: RenewMode;
  /** Scheduled to be terminated (pending deleteAtExpiration/terminate*, or a termination date). */
  readonly terminating: boolean;
}

/**
 * The renewal helpers read OVH's nested `/services` shape; the cache keeps a flat
 * summary. This rebuilds just the fields they read, so the rules stay in one place.
 */
export function asExpandedService(service: ServiceSummary): ExpandedService {
  return {
    serviceId: service.serviceId,
    billing: {
      expirationDate: service.expirationDate ?? null,
      renew: { current: { mode: service.renewMode ?? null, period: service.renewPeriod ?? null } },
      lifecycle: {
        current: { pendingActions: service.pendingActions, state: service.lifecycleState ?? null, terminationDate: service.terminationDate ?? null },
      },
    },
  };
}

export function isTerminated(service: ServiceSummary): boolean {
  return service.lifecycleState === 'terminated';
}

export function factsOf(service: ServiceSummary, now: Date, warningDays: number): ServiceFacts {
  const expanded = asExpandedService(service);
  const status = expiryStatus(service.expirationDate, now, warningDays);
  return {
    service,
    status,
    urgency: isTerminated(service) ? 'terminated' : status.bucket,
    renewMode: renewModeOf(expanded),
    terminating: willTerminate(expanded),
  };
}

/** Buckets that mean "act now or soon": what the badge, status bar and notification count. */
export function needsAttention(urgency: Urgency): boolean {
  return urgency === 'expired' || urgency === 'critical' || urgency === 'warning';
}

/**
 * An option renews with its parent, so when the parent is listed too the option is
 * not counted on its own (it would double every VPS with a backup option).
 */
export function isAttachedOption(service: ServiceSummary, listedIds: ReadonlySet<number>): boolean {
  return service.parentServiceId !== undefined && listedIds.has(service.parentServiceId);
}

/** The warning window from the setting: a whole number of days between 1 and 365. */
export function clampWarningDays(value: unknown, fallback = 30): number {
  const number = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(365, Math.max(1, number));
}

/**
 * How soon a service expires, how it renews, and whether it is going away.
 */

import { parseOvhDate } from './dates';
import type { ExpandedService, LegacyService, ServiceLike } from './types';

export type ExpiryBucket = 'expired' | 'critical' | 'warning' | 'ok' | 'none';

export interface ExpiryStatus {
  readonly bucket: ExpiryBucket;
  /**
   * Days until expiry, counting a started day as a whole one:
   * `ceil((expiry - now) / 24 h)`. For OVH's midnight expiries this equals
   * the calendar-day difference, so the UI can say "in 12 days" or
   * "3 days ago". It is ≤ 0 exactly when the bucket is `expired`; 0 means
   * "expired within the last 24 hours". Absent when the bucket is `none`.
   */
  readonly daysLeft?: number;
  /** The parsed expiration instant; absent when the bucket is `none`. */
  readonly expiresAt?: Date;
}

/** At most this many days left (exactly 7 included) is `critical`. */
export const CRITICAL_DAYS = 7;
export const DEFAULT_WARNING_DAYS = 30;

const MS_PER_DAY = 86_400_000;

/**
 * Classifies an expiration date relative to `now`. Boundaries, in exact
 * milliseconds, with d = expiry - now:
 * - no date, or an unparseable one → `none`
 * - d ≤ 0 (expiring this very instant counts as expired) → `expired`
 * - 0 < d ≤ 7 days (exactly 7 × 24 h left is still critical) → `critical`
 * - 7 days < d ≤ `warningDays` days → `warning` (empty when `warningDays` ≤ 7)
 * - otherwise → `ok`
 * Because `daysLeft` rounds up, the same boundaries read on `daysLeft` are
 * ≤ 0, 1..7, 8..warningDays, > warningDays.
 */
export function expiryStatus(expirationDate: string | Date | null | undefined, now: Date, warningDays: number = DEFAULT_WARNING_DAYS): ExpiryStatus {
  if (Number.isNaN(now.getTime())) {
    throw new RangeError('expiryStatus: invalid "now"');
  }
  if (!Number.isFinite(warningDays) || warningDays < 0) {
    throw new RangeError(`expiryStatus: warningDays must be a non-negative number, got ${warningDays}`);
  }
  const expiresAt = parseOvhDate(expirationDate);
  if (expiresAt === undefined) {
    return { bucket: 'none' };
  }
  const remaining = expiresAt.getTime() - now.getTime();
  // `+ 0` turns the -0 that Math.ceil returns for (-1 day, 0) into 0.
  const daysLeft = Math.ceil(remaining / MS_PER_DAY) + 0;
  let bucket: ExpiryBucket;
  if (remaining <= 0) {
    bucket = 'expired';
  } else if (remaining <= CRITICAL_DAYS * MS_PER_DAY) {
    bucket = 'critical';
  } else if (remaining <= warningDays * MS_PER_DAY) {
    bucket = 'warning';
  } else {
    bucket = 'ok';
  }
  return { bucket, daysLeft, expiresAt };
}

/** Expiration date of either service shape (`billing.expirationDate` or legacy `expirationDate`). */
export function expirationDateOf(service: ServiceLike): string | null {
  return (service as ExpandedService).billing?.expirationDate ?? (service as LegacyService).expirationDate ?? null;
}

export type RenewMode = 'automatic' | 'manual' | 'unknown';

/**
 * Legacy `/service` modes that mean "OVH will not renew it automatically".
 * `deleteAt*` services are deleted instead of renewed (see `willTerminate`),
 * and `oneShot` services are never renewed; renewing any of them, if at all
 * possible, takes a manual order.
 */
const MANUAL_LEGACY_MODES: ReadonlySet<string> = new Set(['manual', 'deleteAtExpiration', 'deleteAtEndEngagement', 'oneShot']);

function classifyMode(mode: string | null | undefined): RenewMode {
  if (typeof mode !== 'string') {
    return 'unknown';
  }
  // automatic, automaticV2012..automaticV2024, automaticForcedProduct, and
  // whatever automaticV20xx OVH introduces next.
  if (mode.startsWith('automatic')) {
    return 'automatic';
  }
  if (MANUAL_LEGACY_MODES.has(mode)) {
    return 'manual';
  }
  // Includes `option`: an option renews with its parent service, whose mode
  // the caller has to look up; and any value OVH adds in the future.
  return 'unknown';
}

/**
 * Renewal mode of a service: `billing.renew.current.mode` (`/services`) or
 * the legacy `renew.mode` (`/service`). Unknown or missing values give
 * `unknown`, never an exception.
 */
export function renewModeOf(service: ServiceLike): RenewMode {
  const expandedMode = (service as ExpandedService).billing?.renew?.current?.mode;
  if (expandedMode !== undefined && expandedMode !== null) {
    return classifyMode(expandedMode);
  }
  return classifyMode((service as LegacyService).renew?.mode);
}

/** Pending lifecycle actions meaning the service is scheduled to end. */
const TERMINATING_ACTIONS: ReadonlySet<string> = new Set(['deleteAtExpiration', 'terminate', 'terminateAtExpirationDate', 'terminateAtEngagementDate']);
const TERMINATING_LEGACY_MODES: ReadonlySet<string> = new Set(['deleteAtExpiration', 'deleteAtEndEngagement']);

/**
 * Whether the service is scheduled to be terminated: a pending
 * `deleteAtExpiration` / `terminate*` action, a `terminationDate`, or a legacy
 * `deleteAt*` renew mode. A service already in state `terminated` is not
 * "going to" terminate and gives false.
 */
export function willTerminate(service: ServiceLike): boolean {
  const lifecycle = (service as ExpandedService).billing?.lifecycle?.current;
  if (lifecycle?.state === 'terminated') {
    return false;
  }
  // OVH's Control Panel counts no pending termination on a manual service, and keeps
  // terminateAtExpirationDate on manual domains on purpose: it simply expires unless paid.
  const manual = (service as ExpandedService).billing?.renew?.current?.mode === 'manual';
  const actions = (lifecycle?.pendingActions ?? []).filter((action) => !(manual && action === 'terminateAtExpirationDate'));
  if (actions.some((action) => TERMINATING_ACTIONS.has(action))) {
    return true;
  }
  const onlyManualExpiry = manual && lifecycle?.pendingActions?.includes('terminateAtExpirationDate') === true;
  if (!onlyManualExpiry && parseOvhDate(lifecycle?.terminationDate) !== undefined) {
    return true;
  }
  const legacyMode = (service as LegacyService).renew?.mode;
  return typeof legacyMode === 'string' && TERMINATING_LEGACY_MODES.has(legacyMode);
}

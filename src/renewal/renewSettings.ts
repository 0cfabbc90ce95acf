/**
 * Renew settings: automatic or manual renewal with a period, stopping a service at
 * expiry, and undoing that. Pure: what can be offered, what each service would
 * refuse before anything is sent, the body of PUT /services/{id}, and the
 * per-service outcome of a bulk change.
 *
 * A bulk change is one request per service. OVH has no transaction across
 * services, so "nothing half-applies" means: every service is checked first,
 * the confirmation names the ones that will be skipped and why, and the
 * result lists each service's own outcome, never one verdict for all.
 */

import { parseOvhDate } from './dates';
import { compareDurations, parseDuration } from './duration';
import { outlookKind, type OutlookService } from './outlook';

export type RenewModeChoice = 'automatic' | 'manual';

export type SettingsChange =
  { readonly kind: 'renew'; readonly mode: RenewModeChoice; readonly period?: string } | { readonly kind: 'stopAtExpiry' } | { readonly kind: 'keepRenewing' };

export interface SettingsTarget extends OutlookService {
  readonly displayName: string;
  readonly parentServiceId?: number;
  /** `billing.renew.capacities.mode`; absent when OVH did not say. */
  readonly renewModes?: readonly string[];
  /** `billing.lifecycle.capacities.actions`; absent when OVH did not say. */
  readonly lifecycleActions?: readonly string[];
  /** `billing.engagement`: a commitment and its end rule. */
  readonly engagement?: { readonly endDate?: string; readonly endStrategy?: string; readonly endStrategies: readonly string[] };
  /** The administrator contact's code, as `customer.contacts` names it. */
  readonly adminContact?: string;
}

/** The signed-in account, as GET /me names it: the admin contact is compared with both. */
export interface SignedInContact {
  readonly nichandle: string;
  readonly customerCode?: string;
}

/** Why a service is left out of a change, known before any request. */
export type SkipReason =
  | 'forcedAutomatic'
  | 'periodNotOffered'
  | 'terminated'
  | 'option'
  | 'alreadyEnding'
  | 'notEnding'
  | 'unchanged'
  | 'stopNotOffered'
  | 'notAdmin'
  | 'commitmentKept';

/** The body of PUT /services/{id} (services.update.Service). */
export interface SettingsBody {
  readonly renew?: { readonly mode: RenewModeChoice; readonly period?: string };
  readonly terminationPolicy?: 'empty' | 'terminateAtExpirationDate';
}

/**
 * How stopping (or keeping) a service goes to OVH: its termination policy
 * (PUT /services/{id}), or, for a service under commitment, the end rule of its engagement
 * (PUT /services/{id}/billing/engagement/endRule), as OVH's Control Panel ends it.
 */
export type StopRoute = { readonly via: 'policy' } | { readonly via: 'endRule'; readonly strategy: string; readonly endDate?: string };

/** The end rule that ends a committed service when its commitment ends, and the one that commits it again. */
export const CANCEL_AT_COMMITMENT_END = 'CANCEL_SERVICE';
export const RECOMMIT = 'REACTIVATE_ENGAGEMENT';

/** Whether a commitment still runs: an end date to come (or none given with an end rule). */
export function underCommitment(target: Pick<SettingsTarget, 'engagement'>, nowMs: number): boolean {
  const engagement = target.engagement;
  if (!engagement) return false;
  const end = parseOvhDate(engagement.endDate);
  return end === undefined ? engagement.endStrategies.length > 0 : end.getTime() > nowMs;
}

/** Whether the signed-in account is the service's administrator contact; unknown on either side counts as yes (OVH then decides). */
export function isAdminContact(target: Pick<SettingsTarget, 'adminContact'>, me: SignedInContact | undefined): boolean {
  if (!target.adminContact || !me) return true;
  const admin = target.adminContact.toLowerCase();
  return admin === me.nichandle.toLowerCase() || (me.customerCode !== undefined && admin === me.customerCode.toLowerCase());
}

/**
 * Whether OVH lets this service stop at expiry, and through which route, as the Control
 * Panel gates it: only the admin contact; a committed service only through its end rule
 * (when OVH offers to cancel it then); otherwise only when `billing.lifecycle.capacities.actions`
 * lists terminateAtExpirationDate (absent: OVH did not say, and decides). Options too: each stops on its own.
 */
export function stopGate(target: SettingsTarget, me: SignedInContact | undefined, nowMs: number): StopRoute | SkipReason {
  if (!isAdminContact(target, me)) return 'notAdmin';
  if (underCommitment(target, nowMs)) {
    return target.engagement!.endStrategies.includes(CANCEL_AT_COMMITMENT_END)
      ? { via: 'endRule', strategy: CANCEL_AT_COMMITMENT_END, endDate: target.engagement!.endDate }
      : 'commitmentKept';
  }
  if (target.lifecycleActions !== undefined && !target.lifecycleActions.includes('terminateAtExpirationDate')) return 'stopNotOffered';
  return { via: 'policy' };
}

/** How "Keep Renewing" withdraws a stop: a commitment set to be cancelled is committed again, when OVH offers it, as the Control Panel does. */
export function keepRoute(target: SettingsTarget): StopRoute {
  const engagement = target.engagement;
  if (engagement?.endStrategy === CANCEL_AT_COMMITMENT_END && engagement.endStrategies.includes(RECOMMIT)) {
    return { via: 'endRule', strategy: RECOMMIT, endDate: engagement.endDate };
  }
  return { via: 'policy' };
}

const MODES: readonly RenewModeChoice[] = ['automatic', 'manual'];

/** The modes OVH lets this service use. Without capacities both are offered and OVH decides. */
export function modesOffered(target: Pick<SettingsTarget, 'renewModes'>): RenewModeChoice[] {
  if (!target.renewModes) return [...MODES];
  return MODES.filter((mode) => target.renewModes!.includes(mode));
}

/** Only automatic renewal is possible (some VPS and dedicated servers): explained, not offered. */
export function isForcedAutomatic(target: Pick<SettingsTarget, 'renewModes'>): boolean {
  const modes = modesOffered(target);
  return modes.length === 1 && modes[0] === 'automatic';
}

export function isEnding(target: SettingsTarget): boolean {
  return outlookKind(target) === 'ending';
}

/** Whether two renew periods are the same length: OVH spells one year `P1Y` or `P12M`, as the Control Panel counts months. */
export function samePeriod(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  const left = parseDuration(a);
  const right = parseDuration(b);
  return left !== undefined && right !== undefined && compareDurations(left, right) === 0;
}

/** Periods every list offers (compared as durations), shortest first, each once; unreadable periods are dropped. */
export function commonPeriods(lists: readonly (readonly string[])[]): string[] {
  if (lists.length === 0) return [];
  const [first, ...rest] = lists;
  const common: string[] = [];
  for (const period of first) {
    if (parseDuration(period) === undefined || common.some((kept) => samePeriod(kept, period))) continue;
    if (rest.every((list) => list.some((other) => samePeriod(other, period)))) common.push(period);
  }
  return common.sort((a, b) => compareDurations(parseDuration(a)!, parseDuration(b)!));
}

/**
 * Whether the change applies to this service, checked against what the listing says
 * (and the periods OVH offers it, when read). `undefined` means it will be sent.
 */
export function skipReason(
  target: SettingsTarget,
  change: SettingsChange,
  periods?: readonly string[],
  who?: { readonly me?: SignedInContact; readonly nowMs: number },
): SkipReason | undefined {
  if (target.lifecycleState === 'terminated') return 'terminated';
  // An option renews with its parent service; it can still be stopped on its own.
  if (target.parentServiceId !== undefined && change.kind === 'renew') return 'option';
  const ending = isEnding(target);
  switch (change.kind) {
    case 'stopAtExpiry': {
      // A manual service may hold the request without "ending" (see willTerminate): not sent twice.
      if (ending || target.pendingActions.includes('terminateAtExpirationDate')) return 'alreadyEnding';
      const gate = stopGate(target, who?.me, who?.nowMs ?? Date.now());
      return typeof gate === 'string' ? gate : undefined;
    }
    case 'keepRenewing':
      return ending ? undefined : 'notEnding';
    case 'renew': {
      if (!modesOffered(target).includes(change.mode)) return 'forcedAutomatic';
      if (change.period !== undefined && periods !== undefined && !periods.some((period) => samePeriod(period, change.period))) return 'periodNotOffered';
      const currentMode = outlookKind({ ...target, pendingActions: [] });
      const unchangedPeriod = change.period === undefined || samePeriod(change.period, target.renewPeriod);
      return currentMode === change.mode && unchangedPeriod ? 'unchanged' : undefined;
    }
  }
}

export function settingsBody(change: SettingsChange): SettingsBody {
  switch (change.kind) {
    case 'renew':
      return { renew: change.period === undefined ? { mode: change.mode } : { mode: change.mode, period: change.period } };
    case 'stopAtExpiry':
      return { terminationPolicy: 'terminateAtExpirationDate' };
    case 'keepRenewing':
      return { terminationPolicy: 'empty' };
  }
}

/**
 * What a service shows after the change, read back with fresh data: whether the
 * change is visible. A PUT answered 200 that does not show yet is "sent, not
 * confirmed", never reported as done.
 */
export function changeVisible(after: SettingsTarget, change: SettingsChange): boolean {
  switch (change.kind) {
    case 'stopAtExpiry':
      return isEnding(after) || after.pendingActions.includes('terminateAtExpirationDate');
    case 'keepRenewing':
      return !isEnding(after);
    case 'renew':
      return (
        outlookKind({ ...after, pendingActions: [] }) === change.mode &&
        (change.period === undefined || change.mode === 'manual' || samePeriod(after.renewPeriod, change.period))
      );
  }
}

/**
 * `notApplied`: OVH answered the change, yet the service read back fresh still shows the
 * old renewal. `unconfirmed`: the answer was lost, or the service could not be read back.
 */
export type Outcome = 'changed' | 'notApplied' | 'unconfirmed' | 'refused' | 'skipped' | 'failed';

export interface ServiceOutcome {
  readonly serviceId: number;
  readonly displayName: string;
  readonly outcome: Outcome;
  /** OVH's message for a refusal, the skip reason, or the error text. */
  readonly detail?: string;
}

export function countOutcomes(results: readonly ServiceOutcome[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { changed: 0, notApplied: 0, unconfirmed: 0, refused: 0, skipped: 0, failed: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

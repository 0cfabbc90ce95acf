import { ApiError, badRequest } from './errors';
import type { Account, LifecycleAction, ServiceRecord } from './model';

/**
 * PUT /services/{serviceId} (services.update.Service): renew mode and period, termination
 * policy, display name. Validated like OVH's API: first the types and enums of the body
 * (OVH's "[field] Given data (x) ..." messages), then what this service allows (the modes of
 * billing.renew.capacities.mode, the periods of renewPeriodCapacities). Everything is
 * checked before anything changes: a refused update changes nothing.
 */

const MODES = ['automatic', 'manual'];
const POLICIES = ['empty', 'terminateAtEngagementDate', 'terminateAtExpirationDate'];
const KEYS = new Set(['displayName', 'renew', 'terminationPolicy']);
const RENEW_KEYS = new Set(['mode', 'period']);
const DURATION = /^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/;
/**
 * The pending actions `terminationPolicy: empty` withdraws. `deleteAtExpiration` is not one:
 * it is the product's own renew flag, set and cleared through {route}/serviceInfos (which is
 * what OVH's Control Panel writes); that this route leaves it alone is the least convenient
 * reading, since OVH does not document it.
 */
const WITHDRAWN_BY_EMPTY = new Set(['terminateAtExpirationDate', 'terminateAtEngagementDate']);

/** `billing.lifecycle.capacities.actions` when the seed set none (render.ts shows the same). */
export const DEFAULT_LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['earlyRenewal', 'terminate', 'terminateAtExpirationDate'];

export function lifecycleActions(s: ServiceRecord): readonly LifecycleAction[] {
  return s.lifecycleState === 'terminated' ? [] : (s.lifecycleActions ?? DEFAULT_LIFECYCLE_ACTIONS);
}

/** Whether the service is committed (billing.engagement with an end date still to come). */
export function underEngagement(s: ServiceRecord, nowMs: number): boolean {
  const end = s.engagement?.endDate;
  return end !== undefined && end !== null && Date.parse(end) > nowMs;
}

// OVH's error class; the wordings below are the sandbox's (OVH publishes none for these refusals).
const forbidden = (message: string): ApiError => new ApiError(403, { class: 'Client::Forbidden', message });

/**
 * Who may end a service, as OVH's Control Panel gates it: only its administrator contact,
 * only an action `billing.lifecycle.capacities.actions` lists, and a committed service only
 * through its engagement's end rule.
 */
export function checkTermination(s: ServiceRecord, account: Account, nowMs: number): void {
  if (s.contactAdmin !== undefined && s.contactAdmin !== account.nichandle) {
    throw forbidden(`Only the administrator contact of this service (${s.contactAdmin}) can end it`);
  }
  if (underEngagement(s, nowMs)) {
    throw badRequest(`This service is engaged until ${s.engagement!.endDate}: change the end rule of its engagement instead`);
  }
  if (!lifecycleActions(s).includes('terminateAtExpirationDate')) throw forbidden('This service cannot be terminated at its expiration date');
}

export function allowedModes(s: ServiceRecord): string[] {
  return s.automaticOnly ? ['automatic'] : [...MODES];
}

function notBelonging(field: string, value: unknown, enumName: string): Error {
  return badRequest(`[${field}] Given data (${String(value)}) does not belong to the ${enumName} enumeration`);
}

interface Update {
  displayName?: string;
  mode?: 'automatic' | 'manual';
  period?: string;
  policy?: string;
}

function parseUpdate(body: unknown): Update {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Invalid body: expected a services.update.Service object');
  const raw = body as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!KEYS.has(key)) throw badRequest(`[${key}] Unknown parameter`);
  const update: Update = {};
  if (raw.displayName !== undefined && raw.displayName !== null) {
    if (typeof raw.displayName !== 'string') throw badRequest(`[displayName] Given data (${String(raw.displayName)}) is not valid for type string`);
    update.displayName = raw.displayName;
  }
  if (raw.renew !== undefined && raw.renew !== null) {
    if (typeof raw.renew !== 'object' || Array.isArray(raw.renew)) throw badRequest('[renew] Given data is not valid for type services.update.Service.Renew');
    const renew = raw.renew as Record<string, unknown>;
    for (const key of Object.keys(renew)) if (!RENEW_KEYS.has(key)) throw badRequest(`[renew.${key}] Unknown parameter`);
    // Both fields are canBeNull: false in the schema.
    if (renew.mode !== undefined) {
      if (typeof renew.mode !== 'string' || !MODES.includes(renew.mode)) throw notBelonging('renew.mode', renew.mode, 'services.expanded.Renew.ModeEnum');
      update.mode = renew.mode as Update['mode'];
    }
    if (renew.period !== undefined) {
      if (typeof renew.period !== 'string' || !DURATION.test(renew.period) || renew.period === 'P')
        throw badRequest(`[renew.period] Given data (${String(renew.period)}) is not valid for type duration`);
      update.period = renew.period;
    }
  }
  if (raw.terminationPolicy !== undefined && raw.terminationPolicy !== null) {
    if (typeof raw.terminationPolicy !== 'string' || !POLICIES.includes(raw.terminationPolicy))
      throw notBelonging('terminationPolicy', raw.terminationPolicy, 'services.expanded.terminationPolicyEnum');
    update.policy = raw.terminationPolicy;
  }
  return update;
}

/**
 * Validates the whole update against the service, then applies it; throws the OVH error otherwise.
 * `putRenew` (control servicesPutRenew) is what this route does with `renew` for products other
 * than Zimbra slots, whose renewal the Control Panel changes through {route}/serviceInfos instead:
 * applied, refused, or answered 200 and ignored.
 */
export function updateService(
  s: ServiceRecord,
  body: unknown,
  putRenew: 'applied' | 'ignored' | 'refused' = 'applied',
  who?: { account: Account; nowMs: number },
): void {
  const update = parseUpdate(body);
  if (s.lifecycleState === 'terminated') throw badRequest('This service is terminated and cannot be updated');
  const changesRenew = update.mode !== undefined || update.period !== undefined;
  // The sandbox's wording: OVH publishes none for this case.
  if (changesRenew && putRenew === 'refused') throw badRequest('The renewal of this service cannot be changed through /services: use its serviceInfos route');

  if (update.mode !== undefined && !allowedModes(s).includes(update.mode)) throw badRequest(`Renew mode ${update.mode} is not allowed for this service`);
  if (update.period !== undefined && !s.plan.periods.includes(update.period)) throw badRequest(`Renew period ${update.period} is not allowed for this service`);
  if (update.policy === 'terminateAtEngagementDate' && !s.engagement) throw badRequest('This service has no engagement');
  // Options end on their own too (the Control Panel stops a domain's options this way); the gate is the same for all.
  if (update.policy === 'terminateAtExpirationDate' && who) checkTermination(s, who.account, who.nowMs);
  // Checked like any body, then answered 200 without changing the renewal.
  if (changesRenew && putRenew === 'ignored') {
    delete update.mode;
    delete update.period;
  }

  if (update.displayName !== undefined) s.displayName = update.displayName;
  if (update.mode !== undefined) s.renewMode = update.mode;
  if (update.period !== undefined) {
    s.renewPeriod = update.period;
    delete s.renewPeriodShown;
  }
  if (update.policy === 'terminateAtExpirationDate') {
    if (!s.pendingActions.includes('terminateAtExpirationDate')) s.pendingActions.push('terminateAtExpirationDate');
    s.terminationMs = s.expirationMs;
  }
  if (update.policy === 'empty') {
    s.pendingActions = s.pendingActions.filter((action) => !WITHDRAWN_BY_EMPTY.has(action));
    if (!s.pendingActions.includes('deleteAtExpiration')) s.terminationMs = null;
  }
}

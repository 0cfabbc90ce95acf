import type { SandboxCore } from './core';
import { isRecord } from './json';
import type { Engagement, LifecycleAction, LifecycleState, ServiceRecord } from './model';
import type { Reply } from './router';

/**
 * POST /__sandbox/services/{serviceId}: puts a service in a state the seeded account lacks
 * (OVH renewing it itself, a commitment, gated actions, another contact, manual renewal with a
 * pending termination), without the checks of the API routes.
 */

const ACTIONS: readonly LifecycleAction[] = [
  'autorenewInProgress',
  'deleteAtExpiration',
  'earlyRenewal',
  'terminate',
  'terminateAtEngagementDate',
  'terminateAtExpirationDate',
];
const STATES: readonly LifecycleState[] = ['active', 'error', 'inCreation', 'rupture', 'terminated', 'toRenew', 'unpaid', 'unrenewed'];
const ENDING: readonly LifecycleAction[] = ['deleteAtExpiration', 'terminateAtEngagementDate', 'terminateAtExpirationDate'];

const fail = (message: string): Reply => ({ status: 400, body: { message } });
const isAction = (v: unknown): v is LifecycleAction => typeof v === 'string' && (ACTIONS as readonly string[]).includes(v);

function parseEngagement(value: unknown): Engagement | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const endDate = value.endDate === undefined || value.endDate === null ? null : value.endDate;
  const rule = value.endRule;
  if (endDate !== null && typeof endDate !== 'string') return undefined;
  if (rule === undefined || rule === null) return { endDate, endRule: null };
  if (!isRecord(rule) || typeof rule.strategy !== 'string') return undefined;
  const possible = Array.isArray(rule.possibleStrategies) ? rule.possibleStrategies.filter((v): v is string => typeof v === 'string') : [];
  return { endDate, endRule: { strategy: rule.strategy, possibleStrategies: possible } };
}

export function changeService(core: SandboxCore, serviceId: number, body: unknown): Reply {
  const s: ServiceRecord | undefined = core.state.lookup(serviceId);
  if (!s) return { status: 404, body: { message: `no service ${serviceId}` } };
  if (!isRecord(body)) return fail('expected a JSON object');
  const { lifecycleActions, state, engagement, renew, terminationPolicy, contactAdmin, contactBilling } = body;
  if (lifecycleActions !== undefined && !(Array.isArray(lifecycleActions) && lifecycleActions.every(isAction))) {
    return fail(`lifecycleActions must be a list of ${ACTIONS.join(', ')}`);
  }
  if (state !== undefined && !(state === 'autorenewInProgress' || (typeof state === 'string' && (STATES as readonly string[]).includes(state)))) {
    return fail(`state must be autorenewInProgress or one of ${STATES.join(', ')}`);
  }
  const parsedEngagement = engagement === undefined ? undefined : parseEngagement(engagement);
  if (engagement !== undefined && parsedEngagement === undefined)
    return fail('engagement must be null or {endDate?, endRule?: {strategy, possibleStrategies?}}');
  if (renew !== undefined) {
    const ok =
      isRecord(renew) &&
      (renew.mode === undefined || renew.mode === 'automatic' || renew.mode === 'manual') &&
      (renew.period === undefined || typeof renew.period === 'string');
    if (!ok) return fail('renew must be {mode?: "automatic" | "manual", period?: "P1Y"}');
  }
  const policies = ['empty', 'terminateAtExpirationDate', 'deleteAtExpiration', 'terminateAtEngagementDate'];
  if (terminationPolicy !== undefined && !(typeof terminationPolicy === 'string' && policies.includes(terminationPolicy))) {
    return fail(`terminationPolicy must be one of ${policies.join(', ')}`);
  }
  for (const [name, value] of Object.entries({ contactAdmin, contactBilling })) {
    if (value !== undefined && value !== null && typeof value !== 'string') return fail(`${name} must be a nichandle or null`);
  }

  if (lifecycleActions !== undefined) s.lifecycleActions = [...(lifecycleActions as LifecycleAction[])];
  if (state === 'autorenewInProgress') {
    if (!s.pendingActions.includes('autorenewInProgress')) s.pendingActions.push('autorenewInProgress');
  } else if (state !== undefined) {
    s.lifecycleState = state as LifecycleState;
    s.pendingActions = s.pendingActions.filter((action) => action !== 'autorenewInProgress');
  }
  if (parsedEngagement !== undefined) s.engagement = parsedEngagement;
  if (isRecord(renew)) {
    if (renew.mode === 'automatic' || renew.mode === 'manual') s.renewMode = renew.mode;
    if (typeof renew.period === 'string') s.renewPeriod = renew.period;
    delete s.renewPeriodShown;
  }
  if (terminationPolicy === 'empty') {
    s.pendingActions = s.pendingActions.filter((action) => !ENDING.includes(action));
    s.terminationMs = null;
  } else if (typeof terminationPolicy === 'string') {
    s.pendingActions = [...s.pendingActions.filter((action) => !ENDING.includes(action)), terminationPolicy as LifecycleAction];
    s.terminationMs = s.expirationMs;
  }
  if (contactAdmin !== undefined) s.contactAdmin = (contactAdmin as string | null) ?? undefined;
  if (contactBilling !== undefined) s.contactBilling = (contactBilling as string | null) ?? undefined;
  return { body: { ok: true } };
}

import { ApiError, badRequest } from './errors';
import { isRecord } from './json';
import type { Account, ServiceRecord } from './model';

/**
 * /services/{id}/billing/engagement: a committed service ends through the end rule of its
 * engagement (`PUT …/endRule {strategy}`), as OVH's Control Panel ends it, not through
 * `terminationPolicy`. CANCEL_SERVICE ends it when the commitment ends; the other strategies
 * keep it (REACTIVATE_ENGAGEMENT commits again).
 */

export const END_STRATEGIES = ['CANCEL_SERVICE', 'REACTIVATE_ENGAGEMENT', 'STOP_ENGAGEMENT_FALLBACK_DEFAULT_PRICE', 'STOP_ENGAGEMENT_KEEP_PRICE'];

/** services.billing.engagement.Engagement */
export function engagementView(s: ServiceRecord): object {
  if (!s.engagement) throw new ApiError(404, { class: 'Client::NotFound', message: 'This service has no engagement' });
  return { currentPeriod: { startDate: null, endDate: s.engagement.endDate }, endRule: s.engagement.endRule };
}

export function updateEndRule(s: ServiceRecord, body: unknown, account: Account): void {
  if (!isRecord(body)) throw badRequest('Invalid body: expected a services.billing.engagement.UpdateEndRuleRequest object');
  for (const key of Object.keys(body)) if (key !== 'strategy') throw badRequest(`[${key}] Unknown parameter`);
  const strategy = body.strategy;
  if (strategy === undefined || strategy === null) throw badRequest('[strategy] Missing parameter');
  if (typeof strategy !== 'string' || !END_STRATEGIES.includes(strategy)) {
    throw badRequest(`[strategy] Given data (${String(strategy)}) does not belong to the services.billing.engagement.EndStrategyEnum enumeration`);
  }
  // The wordings below are the sandbox's; the classes are OVH's.
  if (!s.engagement?.endRule) throw new ApiError(404, { class: 'Client::NotFound', message: 'This service has no engagement' });
  if (s.contactAdmin !== undefined && s.contactAdmin !== account.nichandle) {
    throw new ApiError(403, { class: 'Client::Forbidden', message: `Only the administrator contact of this service (${s.contactAdmin}) can end it` });
  }
  if (!s.engagement.endRule.possibleStrategies.includes(strategy)) throw badRequest(`Strategy ${strategy} is not possible for this engagement`);
  s.engagement.endRule = { ...s.engagement.endRule, strategy };
  const rest = s.pendingActions.filter((action) => action !== 'terminateAtEngagementDate');
  if (strategy === 'CANCEL_SERVICE') {
    s.pendingActions = [...rest, 'terminateAtEngagementDate'];
    s.terminationMs = s.engagement.endDate === null ? s.expirationMs : Date.parse(s.engagement.endDate);
  } else {
    s.pendingActions = rest;
    if (!rest.some((action) => action === 'terminateAtExpirationDate' || action === 'deleteAtExpiration')) s.terminationMs = null;
  }
}

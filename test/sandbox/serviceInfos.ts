import type { SandboxConfig } from './core';
import { durationMonths } from './dates';
import { ApiError, badRequest } from './errors';
import { isRecord } from './json';
import type { Account, ServiceRecord } from './model';

/**
 * PUT {route}/serviceInfos (services.Service): how OVH's Control Panel changes renew mode and
 * period for every product but Zimbra slots. Only `renew` (service.RenewType: automatic,
 * manualPayment, deleteAtExpiration, forced, period in months) is writable; the other fields
 * are read-only and ignored. Checked first like OVH's typed API, then against the service and
 * the Control Panel's preconditions of automatic renewal; a refused body changes nothing.
 */

const RENEW_KEYS = new Set(['automatic', 'deleteAtExpiration', 'forced', 'manualPayment', 'period']);

interface RenewType {
  automatic?: boolean;
  deleteAtExpiration?: boolean;
  manualPayment?: boolean | null;
  period?: number | null;
}

function parseRenew(body: unknown): RenewType {
  if (!isRecord(body)) throw badRequest('Invalid body: expected a services.Service object');
  const renew = body.renew;
  if (renew === undefined || renew === null) throw badRequest('[renew] Missing parameter');
  if (!isRecord(renew)) throw badRequest('[renew] Given data is not valid for type service.RenewType');
  const parsed: RenewType = {};
  for (const [key, value] of Object.entries(renew)) {
    if (!RENEW_KEYS.has(key)) throw badRequest(`[renew.${key}] Unknown parameter`);
    if (key === 'period') {
      if (value !== null && !(typeof value === 'number' && Number.isInteger(value)))
        throw badRequest(`[renew.period] Given data (${String(value)}) is not valid for type long`);
      parsed.period = value;
    } else if (key !== 'forced') {
      if (typeof value !== 'boolean' && !(key === 'manualPayment' && value === null))
        throw badRequest(`[renew.${key}] Given data (${String(value)}) is not valid for type boolean`);
      (parsed as Record<string, unknown>)[key] = value;
    }
  }
  return parsed;
}

// The refusals below use OVH's error class; their wording is the sandbox's (OVH publishes none).
const forbidden = (message: string): ApiError => new ApiError(403, { class: 'Client::Forbidden', message });

export function updateServiceInfos(s: ServiceRecord, body: unknown, account: Account, config: SandboxConfig): void {
  const renew = parseRenew(body);
  if (s.lifecycleState === 'terminated') throw badRequest('This service is terminated and cannot be updated');
  const manual = renew.manualPayment === true || renew.automatic === false;
  const mode = renew.manualPayment === undefined && renew.automatic === undefined ? undefined : manual ? 'manual' : 'automatic';
  if (mode === 'manual' && s.automaticOnly) throw badRequest('Renew mode manual is not allowed for this service');
  let period: string | undefined;
  if (renew.period !== undefined && renew.period !== null) {
    period = s.plan.periods.find((p) => durationMonths(p) === renew.period);
    if (!period) throw badRequest(`Renew period ${renew.period} is not allowed for this service`);
  }
  if (mode === 'automatic' && s.renewMode === 'manual') {
    if (config.automaticRenewBlockers.includes('contracts')) {
      throw forbidden('Automatic renewal is no longer available for older contracts: accept the new contracts first');
    }
    if (s.contactBilling !== undefined && s.contactBilling !== account.nichandle) {
      throw forbidden('Only the billing contact of this service can switch it to automatic renewal');
    }
    if (config.automaticRenewBlockers.includes('debt')) throw forbidden('Automatic renewal is not possible while the account has unpaid debt');
  }
  if (mode !== undefined) s.renewMode = mode;
  if (period !== undefined) {
    s.renewPeriod = period;
    if (config.renewPeriodSpelling === 'months') s.renewPeriodShown = `P${renew.period}M`;
    else delete s.renewPeriodShown;
  }
  if (renew.deleteAtExpiration === true && !s.pendingActions.includes('deleteAtExpiration')) {
    s.pendingActions.push('deleteAtExpiration');
    s.terminationMs = s.expirationMs;
  }
  if (renew.deleteAtExpiration === false && s.pendingActions.includes('deleteAtExpiration')) {
    s.pendingActions = s.pendingActions.filter((action) => action !== 'deleteAtExpiration');
    if (!s.pendingActions.includes('terminateAtExpirationDate')) s.terminationMs = null;
  }
}

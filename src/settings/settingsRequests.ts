import { type OvhApi, serviceInfosKeepBody, serviceInfosPath, serviceInfosRenewBody, type ServiceSummary } from '../ovh';
import { keepRoute, parseDuration, type SettingsChange, settingsBody, stopGate, totalMonths } from '../renewal';
import type { SettingsDeps } from './settingsDeps';

/**
 * One service's request. Renew mode and period go through the product's own
 * {route}/serviceInfos when we know it, as OVH's Control Panel does: its current `renew` is
 * read first and sent back with only mode and period changed. Anything else goes through
 * PUT /services/{id}.
 */
export async function sendChange(deps: SettingsDeps, api: OvhApi, target: ServiceSummary, change: SettingsChange): Promise<void> {
  const path = change.kind === 'renew' ? serviceInfosPath(target) : undefined;
  if (change.kind === 'renew' && path) {
    const current = await api.serviceInfos(path);
    const duration = parseDuration(change.period);
    const body = serviceInfosRenewBody(current.renew, change.mode, duration ? totalMonths(duration) : undefined);
    deps.log.info(`Renew settings: PUT ${path} ${JSON.stringify(body)} (${target.displayName})`);
    await api.updateServiceInfos(path, body);
    return;
  }
  // A committed service ends (or is kept) through its engagement's end rule, as the Control Panel does.
  const route = change.kind === 'stopAtExpiry' ? stopGate(target, undefined, Date.now()) : change.kind === 'keepRenewing' ? keepRoute(target) : undefined;
  if (route !== undefined && typeof route !== 'string' && route.via === 'endRule') {
    deps.log.info(`Renew settings: PUT /services/${target.serviceId}/billing/engagement/endRule ${route.strategy} (${target.displayName})`);
    await api.updateEngagementEndRule(target.serviceId, route.strategy);
    return;
  }
  if (change.kind === 'keepRenewing') return withdrawEnding(deps, api, target);
  const body = settingsBody(change);
  deps.log.info(`Renew settings: PUT /services/${target.serviceId} ${JSON.stringify(body)} (${target.displayName})`);
  await api.updateRenewSettings(target.serviceId, body);
}

/**
 * Keep Renewing withdraws each way the service was set to end: a deletion at expiry is the
 * product's renew flag, cleared through {route}/serviceInfos as the Control Panel does (OVH
 * does not say that `terminationPolicy: empty` clears it); a termination policy through
 * PUT /services/{id}.
 */
async function withdrawEnding(deps: SettingsDeps, api: OvhApi, target: ServiceSummary): Promise<void> {
  const path = serviceInfosPath(target);
  const flagged = target.pendingActions.includes('deleteAtExpiration');
  if (flagged && path) {
    const current = await api.serviceInfos(path);
    const body = serviceInfosKeepBody(current.renew);
    deps.log.info(`Renew settings: PUT ${path} ${JSON.stringify(body)} (${target.displayName})`);
    await api.updateServiceInfos(path, body);
  }
  if (flagged && path && !target.pendingActions.some((action) => action === 'terminateAtExpirationDate' || action === 'terminateAtEngagementDate')) return;
  const body = settingsBody({ kind: 'keepRenewing' });
  deps.log.info(`Renew settings: PUT /services/${target.serviceId} ${JSON.stringify(body)} (${target.displayName})`);
  await api.updateRenewSettings(target.serviceId, body);
}

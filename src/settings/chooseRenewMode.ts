import * as vscode from 'vscode';
import type { Prompter } from '../auth/prompter';
import { type OvhApi, possiblePeriods, serviceInfosPath, type ServiceSummary } from '../ovh';
import { commonPeriods, isForcedAutomatic, modesOffered, samePeriod, type RenewModeChoice, type SettingsChange } from '../renewal';
import { modesInRegion } from './pure/automaticPreconditions';
import { periodWords, skipText } from './pure/settingsText';
import { endpointOf, type SettingsDeps } from './settingsDeps';

const t = vscode.l10n.t;

/**
 * Change Renewal…'s two questions: automatic or manual (the modes every chosen service is
 * offered in its region), then, for automatic, a period every one of them accepts, read
 * from OVH. Undefined when the user cancels or no period is common to them all.
 */
export async function chooseRenew(
  deps: SettingsDeps,
  prompter: Prompter,
  byAccount: Map<string, ServiceSummary[]>,
  apis: Map<string, OvhApi>,
  locale: string,
): Promise<{ change: SettingsChange; periods: Map<number, readonly string[]> } | undefined> {
  const targets = [...byAccount.values()].flat();
  const single = targets.length === 1 ? targets[0] : undefined;
  const offered = new Set(
    [...byAccount].flatMap(([accountId, services]) => services.flatMap((target) => modesInRegion(modesOffered(target), endpointOf(deps, accountId)))),
  );
  const forced = single !== undefined && isForcedAutomatic(single);
  const modeItems: (vscode.QuickPickItem & { mode: RenewModeChoice })[] = [
    { mode: 'automatic' as const, label: t('Automatic renewal'), detail: t('OVHcloud orders and charges each renewal to your default payment method.') },
    { mode: 'manual' as const, label: t('Manual renewal'), detail: t('You order and pay each renewal yourself before the expiry date.') },
  ].filter((item) => offered.has(item.mode));
  const mode = await prompter.pick(modeItems, {
    title: single ? t('Change Renewal: {0}', single.displayName) : t('Change Renewal: {0} services', targets.length),
    placeHolder: forced ? skipText('forcedAutomatic', t) : t('How should renewals happen?'),
  });
  if (!mode) return undefined;

  // Manual renewal has no period: nothing to read.
  if (mode.mode === 'manual') return { change: { kind: 'renew', mode: 'manual' }, periods: new Map() };
  // Periods come from OVH per service, from the route the change goes through: one request each, only for the services chosen.
  const periods = new Map<number, readonly string[]>();
  for (const [accountId, services] of byAccount) {
    const api = apis.get(accountId)!;
    for (const service of services) {
      const path = serviceInfosPath(service);
      try {
        periods.set(service.serviceId, path ? possiblePeriods(await api.serviceInfos(path)) : await api.renewPeriodCapacities(service.serviceId));
      } catch (error) {
        deps.log.warn(`Renew settings: could not read the renew periods of service ${service.serviceId}: ${String(error)}`);
      }
    }
  }
  const common = commonPeriods([...periods.values()]);
  if (common.length === 0) {
    await prompter.confirm(t('No renewal period is offered for all of these services'), t('Change fewer services at once, or one at a time.'));
    return undefined;
  }
  const periodItems = common.map((period) => ({
    period,
    label: periodWords(period, locale) ?? period,
    description: single && samePeriod(single.renewPeriod, period) ? t('current') : undefined,
  }));
  const period = await prompter.pick(periodItems, { title: t('Renewal period'), placeHolder: t('How long should each automatic renewal last?') });
  if (!period) return undefined;
  return { change: { kind: 'renew', mode: 'automatic', period: period.period }, periods };
}

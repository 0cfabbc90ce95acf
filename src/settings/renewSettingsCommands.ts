import * as vscode from 'vscode';
import { isEnding, type SettingsChange } from '../renewal';
import { serviceRefOf } from '../protocol/serviceRef';
import { safeLocale } from '../format';
import { refsOf } from './pure/serviceRefs';
import { applyChange } from './applySettings';
import { chooseRenew } from './chooseRenewMode';
import { confirmChange } from './confirmSettings';
import { servicesByAccount, settingsApis } from './settingsAccess';
import type { SettingsDeps, SettingsRun } from './settingsDeps';
import { reportOutcomes } from './settingsReport';

/**
 * Change Renewal…, Stop Renewing at Expiry… and Keep Renewing…: one service (tree
 * context menu, palette, renew panel) or several (tree multi-selection). Every change
 * is confirmed in a modal dialog, sent once per service, logged, then read back with
 * fresh data: the tree shows the result and the dialog lists each service's outcome.
 */

const t = vscode.l10n.t;

/**
 * Entry point of ovhcloud.services.changeRenewal ('renew'), .stopAtExpiry and .keepRenewing (the change kind of
 * the same name): tree menus pass (clicked, selected[]), other callers one reference or nothing.
 */
export async function runRenewSettings(deps: SettingsDeps, kind: SettingsChange['kind'], first: unknown, selection: unknown): Promise<SettingsRun> {
  let refs = refsOf(first, selection);
  if (refs.length === 0) {
    const picked = await deps.pickService();
    if (!picked) return { status: 'cancelled', results: [] };
    refs = [picked];
  }
  const byAccount = servicesByAccount(deps, refs);
  if (byAccount.size === 0) return { status: 'nothingToDo', results: [] };
  const prompter = deps.prompter();
  const apis = await settingsApis(deps, prompter, byAccount.keys());
  if (!(apis instanceof Map)) return apis;
  const locale = safeLocale(vscode.env.language);

  let change: SettingsChange;
  let periods: Map<number, readonly string[]> | undefined;
  if (kind === 'renew') {
    const chosen = await chooseRenew(deps, prompter, byAccount, apis, locale);
    if (!chosen) return { status: 'cancelled', results: [] };
    ({ change, periods } = chosen);
  } else {
    change = { kind };
  }

  const confirmed = await confirmChange(deps, prompter, change, periods, byAccount, apis, locale);
  if ('run' in confirmed) return confirmed.run;
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Changing renewal settings…') }, () =>
    applyChange(deps, apis, change, confirmed.toSend),
  );
  const all = [...results, ...confirmed.skippedResults];
  const message = await reportOutcomes(prompter, change, all);
  return { status: 'done', results: all, message };
}

/** The renew panel's Renew Settings… button: the settings that apply to this one service, then that flow. */
export async function chooseRenewSettings(deps: SettingsDeps, arg: unknown): Promise<SettingsRun> {
  const ref = serviceRefOf(arg);
  const service = ref && deps.model.listing(ref.accountId).services?.find((s) => s.serviceId === ref.serviceId);
  if (!ref || !service) return { status: 'nothingToDo', results: [] };
  const ending = isEnding(service);
  const choices: (vscode.QuickPickItem & { change: SettingsChange['kind'] })[] = [
    { change: 'renew' as const, label: t('Change Renewal…'), detail: t('Automatic or manual renewal, and the period') },
    ending
      ? { change: 'keepRenewing' as const, label: t('Keep Renewing…'), detail: t('Withdraw the request to end at expiry') }
      : { change: 'stopAtExpiry' as const, label: t('Stop Renewing at Expiry…'), detail: t('The service and its data are deleted at expiry') },
  ];
  const chosen = await deps.prompter().pick(choices, { title: t('Renew Settings: {0}', service.displayName) });
  return chosen ? runRenewSettings(deps, chosen.change, ref, undefined) : { status: 'cancelled', results: [] };
}

import * as vscode from 'vscode';
import type { Prompter } from '../auth/prompter';
import { type OvhApi, RENEW_SETTINGS_RULES, type ServiceSummary } from '../ovh';
import type { ServiceRef } from '../protocol/serviceRef';
import type { SettingsDeps, SettingsRun } from './settingsDeps';

/** Before anything is asked: the services named, as the listing holds them, and an API per account whose key may change them. */

const t = vscode.l10n.t;

/** The services of `refs` the listing knows, by account; the others are left out. */
export function servicesByAccount(deps: SettingsDeps, refs: readonly ServiceRef[]): Map<string, ServiceSummary[]> {
  const byAccount = new Map<string, ServiceSummary[]>();
  for (const ref of refs) {
    const service = deps.model.listing(ref.accountId).services?.find((s) => s.serviceId === ref.serviceId);
    if (service) byAccount.set(ref.accountId, [...(byAccount.get(ref.accountId) ?? []), service]);
  }
  return byAccount;
}

/**
 * Each account's API, or the run's end when one account is signed out (said in an error
 * message) or its key lacks the rules renew settings need (Sign In Again offered).
 */
export async function settingsApis(deps: SettingsDeps, prompter: Prompter, accountIds: Iterable<string>): Promise<Map<string, OvhApi> | SettingsRun> {
  const apis = new Map<string, OvhApi>();
  for (const accountId of accountIds) {
    const api = await deps.accounts.api(accountId);
    if (!api) {
      void vscode.window.showErrorMessage(t('This OVHcloud account is signed out. Sign in again to change its services.'));
      return { status: 'cancelled', results: [] };
    }
    // A key approved before renew settings existed cannot PUT: say so before asking anything.
    if (!(await api.grantsRules(RENEW_SETTINGS_RULES))) {
      deps.log.warn(`Renew settings: the consumer key of account ${accountId} lacks PUT /services/*; offering to sign in again`);
      const signIn = t('Sign In Again');
      const answer = await prompter.confirm(
        t('This OVHcloud key cannot change renew settings yet'),
        t(
          'It was approved before this extension asked for the access rule PUT /services/* (and GET /services/*/renewPeriodCapacities). Sign in again and approve the new access request; nothing is changed until then.',
        ),
        signIn,
      );
      if (answer === signIn) await deps.signIn();
      return { status: 'reauthorize', results: [] };
    }
    apis.set(accountId, api);
  }
  return apis;
}

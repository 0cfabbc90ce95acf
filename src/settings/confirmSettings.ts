import * as vscode from 'vscode';
import type { Prompter } from '../auth/prompter';
import type { OvhApi, ServiceSummary } from '../ovh';
import { type ServiceOutcome, type SettingsChange, type SignedInContact, skipReason, type SkipReason } from '../renewal';
import { settingsConfirmation, skipText } from './pure/settingsText';
import type { SettingsDeps, SettingsRun } from './settingsDeps';

/** Which services the change is sent to, which are left unchanged and why, and the modal dialog that confirms it. */

const t = vscode.l10n.t;

export interface Confirmed {
  readonly toSend: readonly { accountId: string; target: ServiceSummary }[];
  /** The services left unchanged, as outcomes with their reason. */
  readonly skippedResults: readonly ServiceOutcome[];
}

/** The services to send the change to once the user confirmed it, or the run's end (nothing to change, or cancelled). */
export async function confirmChange(
  deps: SettingsDeps,
  prompter: Prompter,
  change: SettingsChange,
  periods: Map<number, readonly string[]> | undefined,
  byAccount: Map<string, ServiceSummary[]>,
  apis: Map<string, OvhApi>,
  locale: string,
): Promise<Confirmed | { readonly run: SettingsRun }> {
  // Only the admin contact may stop a service (as the Control Panel gates it): who the account is, read once per account.
  const contacts = new Map<string, SignedInContact | undefined>();
  if (change.kind === 'stopAtExpiry') for (const [accountId, api] of apis) contacts.set(accountId, await signedInContact(deps, api));
  const nowMs = Date.now();

  const skipped: { target: ServiceSummary; reason: SkipReason }[] = [];
  const toSend: { accountId: string; target: ServiceSummary }[] = [];
  for (const [accountId, services] of byAccount) {
    for (const target of services) {
      const reason = skipReason(target, change, periods?.get(target.serviceId), { me: contacts.get(accountId), nowMs });
      if (reason) skipped.push({ target, reason });
      else toSend.push({ accountId, target });
    }
  }
  const skippedResults: ServiceOutcome[] = skipped.map(({ target, reason }) => ({
    serviceId: target.serviceId,
    displayName: target.displayName,
    outcome: 'skipped',
    detail: skipText(reason, t, target, locale),
  }));
  if (toSend.length === 0) {
    await prompter.confirm(
      t('Nothing to change'),
      skipped.map(({ target, reason }) => `• ${target.displayName}: ${skipText(reason, t, target, locale)}`).join('\n'),
    );
    return { run: { status: 'nothingToDo', results: skippedResults } };
  }
  const text = settingsConfirmation(change, toSend, skipped, locale, t, deps.orderInFlight);
  if ((await prompter.confirm(text.message, text.detail, text.action)) !== text.action) {
    deps.log.info(`Renew settings: ${change.kind} cancelled at the confirmation`);
    return { run: { status: 'cancelled', results: [] } };
  }
  return { toSend, skippedResults };
}

/** GET /me: the nichandle and customer code the admin contact is compared with; unknown when it cannot be read (OVH then decides). */
async function signedInContact(deps: SettingsDeps, api: OvhApi): Promise<SignedInContact | undefined> {
  try {
    const me = await api.me();
    return { nichandle: me.nichandle, customerCode: me.customerCode ?? undefined };
  } catch (error) {
    deps.log.warn(`Renew settings: could not read the account (GET /me): ${String(error)}`);
    return undefined;
  }
}

import * as vscode from 'vscode';
import type { AccountMeta } from '../auth/accountTypes';
import type { Prompter } from '../auth/prompter';
import {
  OvhApiError,
  type OvhApi,
  possiblePeriods,
  RENEW_SETTINGS_RULES,
  serviceInfosKeepBody,
  serviceInfosPath,
  serviceInfosRenewBody,
  type ServiceSummary,
} from '../ovh';
import {
  changeVisible,
  commonPeriods,
  countOutcomes,
  isEnding,
  isForcedAutomatic,
  keepRoute,
  modesOffered,
  parseDuration,
  samePeriod,
  type RenewModeChoice,
  type ServiceOutcome,
  type SettingsChange,
  settingsBody,
  type SignedInContact,
  skipReason,
  type SkipReason,
  stopGate,
  totalMonths,
} from '../renewal';
import { type ServiceRef, serviceKey, serviceRefOf } from '../protocol/serviceRef';
import { safeLocale } from '../format';
import { modesInRegion, preconditionLink, preconditionText, refusedPrecondition } from './pure/automaticPreconditions';
import { noAnswerReason, type OrderInFlight, outcomeLine, periodWords, settingsConfirmation, skipText } from './pure/settingsText';

/**
 * Change Renewal…, Stop Renewing at Expiry… and Keep Renewing…: one service (tree
 * context menu, palette, renew panel) or several (tree multi-selection). Every change
 * is confirmed in a modal dialog, sent once per service, logged, then read back with
 * fresh data: the tree shows the result and the dialog lists each service's outcome.
 */

export interface SettingsModel {
  listing(accountId: string): { readonly services?: readonly ServiceSummary[] };
  refresh(accountId?: string, options?: { fresh?: boolean }): Promise<void>;
  whenIdle(): Promise<void>;
}

export interface SettingsDeps {
  readonly model: SettingsModel;
  readonly accounts: { api(accountId: string): Promise<OvhApi | undefined>; list(): readonly AccountMeta[] };
  readonly prompter: () => Prompter;
  readonly pickService: () => Promise<ServiceRef | undefined>;
  /** Sign In, offered when a key lacks the rules renew settings need. */
  readonly signIn: () => Promise<unknown>;
  /** This extension's renewal order in flight for a service (the order journal), named in the confirmation. */
  readonly orderInFlight: (accountId: string, serviceId: number) => OrderInFlight | undefined;
  readonly log: vscode.LogOutputChannel;
}

export interface SettingsRun {
  readonly status: 'cancelled' | 'reauthorize' | 'nothingToDo' | 'done';
  readonly results: readonly ServiceOutcome[];
  /** What the user was told at the end, when the flow got that far. */
  readonly message?: string;
}

const t = vscode.l10n.t;

/** Tree commands get (clicked, selection[]); others pass one { accountId, serviceId }. */
function refsOf(first: unknown, selection: unknown): ServiceRef[] {
  const all = Array.isArray(selection) && selection.length > 0 ? selection.map(serviceRefOf) : [serviceRefOf(first)];
  const seen = new Set<string>();
  return all.filter((ref): ref is ServiceRef => {
    if (!ref || seen.has(serviceKey(ref))) return false;
    seen.add(serviceKey(ref));
    return true;
  });
}

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
  const byAccount = new Map<string, ServiceSummary[]>();
  for (const ref of refs) {
    const service = deps.model.listing(ref.accountId).services?.find((s) => s.serviceId === ref.serviceId);
    if (service) byAccount.set(ref.accountId, [...(byAccount.get(ref.accountId) ?? []), service]);
  }
  if (byAccount.size === 0) return { status: 'nothingToDo', results: [] };
  const prompter = deps.prompter();
  const apis = new Map<string, OvhApi>();
  for (const accountId of byAccount.keys()) {
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
    return { status: 'nothingToDo', results: skippedResults };
  }
  const text = settingsConfirmation(change, toSend, skipped, locale, t, deps.orderInFlight);
  if ((await prompter.confirm(text.message, text.detail, text.action)) !== text.action) {
    deps.log.info(`Renew settings: ${change.kind} cancelled at the confirmation`);
    return { status: 'cancelled', results: [] };
  }

  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Changing renewal settings…') }, () =>
    apply(deps, apis, change, toSend),
  );
  const all = [...results, ...skippedResults];
  const message = await report(prompter, change, all);
  return { status: 'done', results: all, message };
}

function endpointOf(deps: SettingsDeps, accountId: string): AccountMeta['endpointId'] | undefined {
  return deps.accounts.list().find((meta) => meta.id === accountId)?.endpointId;
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

async function chooseRenew(
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

async function apply(
  deps: SettingsDeps,
  apis: Map<string, OvhApi>,
  change: SettingsChange,
  toSend: readonly { accountId: string; target: ServiceSummary }[],
): Promise<ServiceOutcome[]> {
  const sent: { accountId: string; target: ServiceSummary; noAnswer?: string }[] = [];
  const results: ServiceOutcome[] = [];
  for (const entry of toSend) {
    const { target } = entry;
    try {
      await send(deps, apis.get(entry.accountId)!, target, change);
      sent.push(entry);
    } catch (error) {
      const clientError = error instanceof OvhApiError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408;
      if (clientError) {
        deps.log.warn(`Renew settings: service ${target.serviceId} refused: ${error.message}`);
        // A missing precondition of automatic renewal is named, with what to do and where, never as OVH's raw message.
        const precondition = change.kind === 'renew' && change.mode === 'automatic' ? refusedPrecondition(error.serverMessage ?? error.message) : undefined;
        const endpointId = endpointOf(deps, entry.accountId);
        const detail = precondition
          ? preconditionText(precondition, t, endpointId && preconditionLink(endpointId, precondition, target.name))
          : (error.serverMessage ?? error.message);
        results.push({ serviceId: target.serviceId, displayName: target.displayName, outcome: 'refused', detail });
      } else {
        // Timeout, reset, 5xx: it may have been applied. Read back like a sent one.
        deps.log.warn(`Renew settings: service ${target.serviceId} outcome unknown: ${String(error)}`);
        sent.push({ ...entry, noAnswer: noAnswerReason(error, t) });
      }
    }
  }
  // Fresh data (past OVH's list cache) decides what changed, for the tree and the result.
  const accounts = [...new Set(toSend.map((entry) => entry.accountId))];
  await Promise.all(accounts.map((accountId) => deps.model.refresh(accountId, { fresh: true })));
  await deps.model.whenIdle();
  for (const { accountId, target, noAnswer } of sent) {
    const after = deps.model.listing(accountId).services?.find((s) => s.serviceId === target.serviceId);
    // Only what OVH shows counts: answered and visible is changed, answered and not visible is not applied, anything else unknown.
    const outcome =
      after !== undefined && changeVisible(after, change) ? 'changed' : after !== undefined && noAnswer === undefined ? 'notApplied' : 'unconfirmed';
    deps.log.info(`Renew settings: service ${target.serviceId} ${outcome}`);
    results.push({
      serviceId: target.serviceId,
      displayName: target.displayName,
      outcome,
      ...(outcome === 'unconfirmed' && noAnswer ? { detail: noAnswer } : {}),
    });
  }
  return results;
}

/**
 * One service's request. Renew mode and period go through the product's own
 * {route}/serviceInfos when we know it, as OVH's Control Panel does: its current `renew` is
 * read first and sent back with only mode and period changed. Anything else goes through
 * PUT /services/{id}.
 */
async function send(deps: SettingsDeps, api: OvhApi, target: ServiceSummary, change: SettingsChange): Promise<void> {
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

async function report(prompter: Prompter, change: SettingsChange, results: readonly ServiceOutcome[]): Promise<string> {
  const counts = countOutcomes(results);
  if (results.length === 1 && counts.changed === 1) {
    const done =
      change.kind === 'stopAtExpiry'
        ? t('{0} will end at expiry.', results[0].displayName)
        : change.kind === 'keepRenewing'
          ? t('{0} keeps renewing.', results[0].displayName)
          : t('Renewal of {0} changed.', results[0].displayName);
    void vscode.window.showInformationMessage(done);
    return done;
  }
  const summary = t(
    '{0} changed, {1} refused, {2} not confirmed yet, {3} left unchanged',
    counts.changed,
    counts.refused + counts.failed + counts.notApplied,
    counts.unconfirmed,
    counts.skipped,
  );
  await prompter.confirm(summary, results.map((result) => outcomeLine(result, t)).join('\n'));
  return summary;
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

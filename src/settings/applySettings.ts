import * as vscode from 'vscode';
import { OvhApiError, type OvhApi, type ServiceSummary } from '../ovh';
import { changeVisible, type ServiceOutcome, type SettingsChange } from '../renewal';
import { preconditionLink, preconditionText, refusedPrecondition } from './pure/automaticPreconditions';
import { noAnswerReason } from './pure/settingsText';
import { endpointOf, type SettingsDeps } from './settingsDeps';
import { sendChange } from './settingsRequests';

const t = vscode.l10n.t;

/**
 * Sends the confirmed change once per service, then reads every service back with fresh
 * data: only what OVH shows decides each outcome (changed, refused, not applied, unconfirmed).
 */
export async function applyChange(
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
      await sendChange(deps, apis.get(entry.accountId)!, target, change);
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

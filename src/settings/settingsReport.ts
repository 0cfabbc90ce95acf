import * as vscode from 'vscode';
import type { Prompter } from '../auth/prompter';
import { countOutcomes, type ServiceOutcome, type SettingsChange } from '../renewal';
import { outcomeLine } from './pure/settingsText';

const t = vscode.l10n.t;

/** Tells the user what became of the change: one service changed in a notification, anything else in a dialog listing each outcome. Answers what was said. */
export async function reportOutcomes(prompter: Prompter, change: SettingsChange, results: readonly ServiceOutcome[]): Promise<string> {
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

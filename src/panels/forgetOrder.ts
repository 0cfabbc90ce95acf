import * as vscode from 'vscode';
import type { Prompter } from '../auth/prompter';
import type { ServiceRef } from '../protocol/serviceRef';
import type { LeaseFiles } from '../core/orders/leaseFiles';
import type { JournalEntry, OrderJournal } from '../core/orders/orderJournal';
import { PanelFormat } from '../core/orders/panelFormat';

export interface ForgetDeps {
  readonly journal: OrderJournal;
  readonly leases: LeaseFiles;
  readonly prompter: () => Prompter;
  readonly identityOf: (accountId: string) => string | undefined;
  readonly log: vscode.LogOutputChannel;
}

/**
 * "Forget This Order": for the rare case the user knows better than the journal (an
 * order paid or cancelled elsewhere, an attempt they checked at OVHcloud). It only
 * removes the record here, never touches the order at OVHcloud, and refuses while
 * another window is placing or paying it.
 */
export async function forgetOrder(deps: ForgetDeps, target?: ServiceRef): Promise<string | undefined> {
  const identity = target ? deps.identityOf(target.accountId) : undefined;
  const entries = deps.journal
    .all()
    .filter((entry) => !target || (entry.identity === identity && (entry.serviceId === target.serviceId || entry.services.includes(target.serviceId))));
  const format = new PanelFormat(vscode.l10n.t, vscode.env.language);
  // Records that cannot be read block ordering: this is where the user sets them aside.
  const unreadable = deps.journal.unreadable(identity);
  if (entries.length === 0 && unreadable.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No order is recorded here for this service.'));
    return undefined;
  }
  const picked = await deps.prompter().pick(
    [
      ...entries.map((entry) => {
        const bought = format.entry(entry);
        return { label: title(entry), description: `${bought.servicesText} · ${bought.periodText}`, detail: bought.withTaxText, entry, key: undefined };
      }),
      ...unreadable.map((key) => ({
        label: vscode.l10n.t('Unreadable order record'),
        description: key,
        detail: vscode.l10n.t('Check your orders at OVHcloud first: it may stand for an order in progress.'),
        entry: undefined,
        key,
      })),
    ],
    { placeHolder: vscode.l10n.t('Choose the order to forget') },
  );
  if (!picked) return undefined;
  const action = vscode.l10n.t('Forget');
  if (picked.key !== undefined) {
    const answer = await deps
      .prompter()
      .confirm(
        vscode.l10n.t('Set the unreadable order record aside?'),
        vscode.l10n.t(
          'Ordering is possible again once it is set aside. Nothing changes at OVHcloud: check there that no order is unpaid or in progress first.',
        ),
        action,
      );
    if (answer !== action) return undefined;
    await deps.journal.setAside(picked.key);
    deps.log.info(`Unreadable journal record ${picked.key} set aside by the user.`);
    return picked.key;
  }
  const entry = picked.entry;
  if (!entry) return undefined;
  const answer = await deps
    .prompter()
    .confirm(
      vscode.l10n.t('Forget {0}?', title(entry)),
      vscode.l10n.t('The extension stops offering it. Nothing changes at OVHcloud: an unpaid order stays there until it expires.'),
      action,
    );
  if (answer !== action) return undefined;
  if (
    await deps.leases.holder(
      [...new Set([entry.serviceId, ...entry.services])].map((id) => `${entry.identity}:${id}`),
      'forget',
    )
  ) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This order is being placed or paid in another window. Try again when it has finished.'));
    return undefined;
  }
  await deps.journal.end(entry.id);
  deps.log.info(`Journal entry ${entry.id}${entry.orderId === undefined ? '' : ` (order ${entry.orderId})`} forgotten by the user.`);
  return entry.id;
}

function title(entry: JournalEntry): string {
  return entry.orderId === undefined
    ? vscode.l10n.t('Order attempt of {0} (outcome unknown)', entry.startedAt.slice(0, 10))
    : vscode.l10n.t('Order {0}', entry.orderId);
}

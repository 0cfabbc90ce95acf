import * as vscode from 'vscode';
import { describeError } from '../ovh';
import type { AccountMeta } from './accountTypes';
import type { AccountService } from './accountService';
import type { Prompter } from './prompter';

export interface SignOutDeps {
  readonly accounts: AccountService;
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Removes accounts: their secrets and their metadata. For consumer keys the
 * extension created, the user may also revoke the key at OVH (POST /auth/logout),
 * so a copy of it elsewhere stops working too.
 */
export async function signOut(deps: SignOutDeps, accountId?: string): Promise<AccountMeta[]> {
  const all = deps.accounts.list();
  if (all.length === 0) return [];
  let targets: AccountMeta[];
  if (accountId !== undefined) {
    targets = all.filter((meta) => meta.id === accountId);
  } else if (all.length === 1) {
    targets = all;
  } else {
    type Item = vscode.QuickPickItem & { ids: string[] };
    const items: Item[] = [
      ...all.map((meta): Item => ({ label: meta.label, ids: [meta.id] })),
      { label: vscode.l10n.t('All accounts'), ids: all.map((meta) => meta.id) },
    ];
    const picked = await deps.prompter.pick(items, { title: vscode.l10n.t('OVHcloud: Sign Out'), placeHolder: vscode.l10n.t('Which account?') });
    if (!picked) return [];
    targets = all.filter((meta) => picked.ids.includes(meta.id));
  }
  for (const meta of targets) {
    if (meta.createdConsumerKey) await offerRevoke(deps, meta);
    await deps.accounts.store.remove(meta.id);
    deps.log.info(`Signed out of ${meta.label}.`);
  }
  return targets;
}

async function offerRevoke(deps: SignOutDeps, meta: AccountMeta): Promise<void> {
  const revoke = vscode.l10n.t('Revoke and Sign Out');
  const keep = vscode.l10n.t('Sign Out Only');
  const choice = await deps.prompter.confirm(
    vscode.l10n.t('Also revoke the consumer key of {0} at OVHcloud?', meta.label),
    vscode.l10n.t('The extension created this key. Revoking it makes it unusable everywhere; signing out only forgets it on this computer.'),
    revoke,
    keep,
  );
  if (choice !== revoke) return;
  const api = await deps.accounts.api(meta.id);
  try {
    await api?.logout();
    deps.log.info(`Revoked the consumer key of ${meta.label}.`);
  } catch (error) {
    const description = describeError(error, vscode.l10n.t);
    deps.log.warn(`Could not revoke the consumer key of ${meta.label}: ${description.explanation}`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The consumer key could not be revoked at OVHcloud: {0} You are signed out on this computer anyway.', description.explanation),
    );
  }
}

import * as vscode from 'vscode';
import { safeLocale } from '../format';
import type { AccountMeta } from '../auth/accountTypes';
import { pickEntries, type PickEntry } from './pure/pickItems';
import type { ServicesModel } from '../core/listing/servicesModel';
import type { ServiceRef } from '../protocol/serviceRef';

export interface PickServiceOptions {
  readonly placeHolder?: string;
  /** Restrict the list to these services (their serviceKey). */
  readonly only?: ReadonlySet<string>;
}

export interface PickSource {
  readonly model: ServicesModel;
  readonly accounts: { list(): AccountMeta[] };
  readonly now: () => Date;
  readonly warningDays: () => number;
  /** Sign In, offered when no account is signed in. */
  readonly signIn: () => Promise<unknown>;
}

/** The picker's entries; fetches accounts the view never loaded (and waits for them). */
export async function pickServiceEntries(source: PickSource, options: PickServiceOptions = {}): Promise<PickEntry[]> {
  const accounts = source.accounts.list();
  for (const meta of accounts) {
    if (!source.model.listing(meta.id).services) source.model.ensureLoaded(meta.id);
  }
  if (accounts.some((meta) => source.model.isLoading(meta.id) && !source.model.listing(meta.id).services)) await source.model.whenIdle();
  return pickEntries(
    accounts.map((meta) => ({ accountId: meta.id, accountLabel: meta.label, services: source.model.listing(meta.id).services ?? [] })),
    { now: source.now(), warningDays: source.warningDays(), locale: safeLocale(vscode.env.language), only: options.only },
    vscode.l10n.t,
  );
}

/**
 * Asks the user for one service, soonest expiry first (expired ones on top), across
 * every signed-in account. Used by "Compare Renew Strategies…" from the palette and by
 * the expiry notification's "Renew…". Resolves to undefined when dismissed.
 */
export async function pickService(options: PickServiceOptions, source: PickSource): Promise<ServiceRef | undefined> {
  if (source.accounts.list().length === 0) {
    const signIn = vscode.l10n.t('Sign In');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Sign in to OVHcloud to see your services.'), signIn);
    if (choice === signIn) await source.signIn();
    return undefined;
  }
  type Item = vscode.QuickPickItem & { readonly ref: ServiceRef };
  const items = pickServiceEntries(source, options).then((entries) =>
    entries.map((entry): Item => ({
      label: entry.label,
      description: entry.description,
      detail: entry.detail,
      ref: { accountId: entry.accountId, serviceId: entry.serviceId },
    })),
  );
  // showQuickPick shows a busy bar while the (possibly first) listing loads.
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('OVHcloud: Pick a Service'),
    placeHolder: options.placeHolder ?? vscode.l10n.t('Which service? Soonest expiry first'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.ref;
}

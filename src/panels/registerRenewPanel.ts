import * as vscode from 'vscode';
import type { AccountService } from '../auth/accountService';
import { features } from '../loadFeatures';
import { registerPanelKind } from '../webviewHost/panelKind';
import { serviceRefOf, type ServiceRef } from '../protocol/serviceRef';
import { signedInIdentity } from '../auth/accountIdentity';
import type { RenewPanels, RenewPanelsDeps } from './renewPanels';

/** The panel's webview type, also its activation event (onWebviewPanel:ovhcloud.renewPanel). */
export const RENEW_PANEL_VIEW_TYPE = 'ovhcloud.renewPanel';

export interface RenewPanelDeps extends RenewPanelsDeps {
  readonly accounts: AccountService;
  /** Asks the user for a service when the command runs from the palette. */
  readonly pickService: () => Promise<ServiceRef | undefined>;
}

/** The renew panel's entry points: its commands run them, and so do the Services view, the batch, the outlook and the tools. */
export interface RenewCommands {
  /** Compare Renew Strategies…: a tree node, a reference, or nothing (then the quick pick). */
  compare(arg?: unknown): Promise<string | undefined>;
  /** Pay: the panel resumes a known unpaid order by itself, so paying later is opening it again. */
  pay(arg?: unknown): Promise<string | undefined>;
  forget(arg?: unknown): Promise<string | undefined>;
  /** The open panels; loads the panel code (dist/features.js) on first use. */
  panels(): RenewPanels;
}

/**
 * The renew panel's kind: its serializer (a panel restored after a reload), its commands
 * (Compare Renew Strategies…, Pay, Forget) and their entry points. The panel, its session
 * and the money flows load on first use.
 */
export function registerRenewPanel(context: vscode.ExtensionContext, deps: RenewPanelDeps): RenewCommands {
  const signedIn = (ref: ServiceRef): boolean => deps.accounts.list().some((meta) => meta.id === ref.accountId);
  const identityOf = (accountId: string): string | undefined => signedInIdentity(deps.accounts, accountId);
  // The panel code (and the protocol's schemas) load only when a panel opens or is restored.
  return registerPanelKind(context, {
    viewType: RENEW_PANEL_VIEW_TYPE,
    create: (loaded) => new loaded.RenewPanels(context, deps),
    entryPoints: (loadPanels): RenewCommands => ({
      compare: async (arg) => {
        const target = serviceRefOf(arg) ?? (await deps.pickService());
        if (!target || !signedIn(target)) return undefined;
        return loadPanels().show(target).key;
      },
      pay: async (arg) => {
        const target = serviceRefOf(arg);
        if (!target || !deps.journal.forService(target.accountId, target.serviceId)) return undefined;
        return loadPanels().show(target).key;
      },
      forget: (arg) =>
        features().forgetOrder({ journal: deps.journal, leases: deps.leases, prompter: deps.prompter, log: deps.log, identityOf }, serviceRefOf(arg)),
      panels: loadPanels,
    }),
    commands: (renew) => ({
      'ovhcloud.compareRenewStrategies': (arg) => renew.compare(arg),
      'ovhcloud.payUnpaidOrder': (arg) => renew.pay(arg),
      'ovhcloud.forgetOrder': (arg) => renew.forget(arg),
    }),
  });
}

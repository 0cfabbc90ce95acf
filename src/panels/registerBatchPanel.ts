import * as vscode from 'vscode';
import type { AccountService } from '../auth/accountService';
import type { Prompter } from '../auth/prompter';
import { registerPanelKind } from '../webviewHost/panelKind';
import type { ServiceSummary } from '../ovh';
import { serviceRefOf } from '../protocol/serviceRef';
import type { BatchPanels } from './batchPanels';
import type { LeaseFiles } from '../core/orders/leaseFiles';
import type { JournalStore, OrderJournal } from '../core/orders/orderJournal';
import type { RenewPanels } from './renewPanels';

/** The batch panel's webview type, also its activation event (onWebviewPanel:ovhcloud.batchPanel). */
export const BATCH_PANEL_VIEW_TYPE = 'ovhcloud.batchPanel';

export interface BatchPanelRegistration {
  readonly accounts: AccountService;
  readonly journal: OrderJournal;
  /** Where batch records live: the journal's own folder. */
  readonly records: JournalStore;
  readonly leases: LeaseFiles;
  /** The renew panels (loaded on first use): a row's Open opens its service's panel. */
  readonly renewPanels: () => RenewPanels;
  readonly requestTimeoutMs: () => number;
  readonly warningDays: () => number;
  /** The Services view's clock: the pick list says "in 3 days" exactly when the tree does. */
  readonly now: () => Date;
  readonly log: vscode.LogOutputChannel;
  readonly prompter: () => Prompter;
  /** The services of an account as the Services view lists them (loaded if needed). */
  readonly servicesOf: (accountId: string) => Promise<readonly ServiceSummary[]>;
  /** Called once per batch that renewed something: the tree refreshes once, with fresh data. */
  readonly onRenewed: (accountId: string) => void;
  readonly statusPollMs?: () => number | undefined;
  /** Panels record what they post only under test. */
  readonly underTest?: boolean;
}

/** The batch panel's entry points: its commands run them, and so do the tools. */
export interface BatchCommands {
  /** Renew Selected Services… from the tree: VS Code passes the clicked node, then every selected node. */
  renewSelected(first?: unknown, selection?: unknown): Promise<string[]>;
  /** Renew Expiring Services… from the palette: quick picks, then one panel per account. */
  renewExpiring(): Promise<string[]>;
  /** The open batch panels; loads the panel code (dist/features.js) on first use. */
  panels(): BatchPanels;
}

/**
 * The batch panel's kind: its serializer (a panel restored after a reload), its commands
 * (Renew Selected Services…, Renew Expiring Services…) and their entry points. The panel,
 * its session and the protocol's schemas load on first use.
 */
export function registerBatchPanel(context: vscode.ExtensionContext, deps: BatchPanelRegistration): BatchCommands {
  return registerPanelKind(context, {
    viewType: BATCH_PANEL_VIEW_TYPE,
    create: (loaded) => new loaded.BatchPanels(context, deps),
    entryPoints: (loadPanels): BatchCommands => ({
      renewSelected: async (first, selection) => {
        const nodes = Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [first];
        const targets = nodes.flatMap((node) => serviceRefOf(node) ?? []);
        if (targets.length === 0) return [];
        return (await loadPanels().openFor(targets)).map((panel) => panel.key);
      },
      renewExpiring: async () => (await loadPanels().pickAndOpen()).map((panel) => panel.key),
      panels: loadPanels,
    }),
    commands: (batch) => ({
      'ovhcloud.renewSelected': (first, selection) => batch.renewSelected(first, selection),
      'ovhcloud.renewExpiring': () => batch.renewExpiring(),
    }),
  });
}

import * as vscode from 'vscode';
import type { AccountService } from '../auth/accountService';
import type { Prompter } from '../auth/prompter';
import { isOvhApiError } from '../ovh';
import { SavedStateSchema, type SavedState } from '../protocol/renewPanel';
import { serviceKey, serviceRefOf, type ServiceRef } from '../protocol/serviceRef';
import { forgetOrder } from './forgetOrder';
import type { LeaseFiles } from './leaseFiles';
import { accountIdentity, type OrderJournal } from './orderJournal';
import { RENEW_PANEL_VIEW_TYPE, RenewPanel } from './renewPanel';

export interface RenewPanelDeps {
  readonly accounts: AccountService;
  readonly journal: OrderJournal;
  readonly leases: LeaseFiles;
  readonly requestTimeoutMs: () => number;
  readonly log: vscode.LogOutputChannel;
  readonly prompter: () => Prompter;
  /** Asks the user for a service when the command runs from the palette. */
  readonly pickService: () => Promise<ServiceRef | undefined>;
  /** Refreshes a renewed service in the tree. */
  readonly onRenewed: (accountId: string, serviceId: number) => void;
  readonly statusPollMs?: () => number | undefined;
}

/** Open panels by serviceKey: the command reveals an existing one instead of opening a second. */
export class RenewPanels implements vscode.Disposable {
  private readonly open = new Map<string, RenewPanel>();
  /** Numbers this window's panels for their leases. */
  private panelCount = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: RenewPanelDeps,
  ) {}

  dispose(): void {
    for (const panel of this.open.values()) panel.dispose();
    this.open.clear();
  }

  get(accountId: string, serviceId: number): RenewPanel | undefined {
    return this.open.get(serviceKey({ accountId, serviceId }));
  }

  show(target: ServiceRef): RenewPanel {
    const existing = this.open.get(serviceKey(target));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(RENEW_PANEL_VIEW_TYPE, vscode.l10n.t('Renew {0}', `#${target.serviceId}`), vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    return this.adopt(panel, target);
  }

  /** Also used by the serializer to bring a panel back after a window reload. */
  adopt(panel: vscode.WebviewPanel, target: ServiceRef & Partial<SavedState>): RenewPanel {
    const { accounts, journal, leases, log, prompter, onRenewed, statusPollMs } = this.deps;
    const meta = accounts.list().find((candidate) => candidate.id === target.accountId);
    const renewPanel = new RenewPanel(
      panel,
      this.context.extensionUri,
      target,
      {
        api: () => accounts.api(target.accountId),
        identity: meta ? accountIdentity(meta) : `account:${target.accountId}`,
        owner: `${vscode.env.sessionId}/${++this.panelCount}`,
        journal,
        leases,
        requestTimeoutMs: this.deps.requestTimeoutMs(),
        confirm: async (message, detail, action) => (await prompter().confirm(message, detail, action)) === action,
        openExternal: async (url) => void (await prompter().openExternal(vscode.Uri.parse(url, true))),
        log,
        onRenewed,
        statusPollMs: statusPollMs?.(),
        reportFailure: (error) => {
          if (isOvhApiError(error)) accounts.reportFailure(target.accountId, error);
        },
      },
      log,
    );
    this.open.set(renewPanel.key, renewPanel);
    renewPanel.onDidClose(() => this.open.delete(renewPanel.key));
    return renewPanel;
  }
}

function identityOf(deps: RenewPanelDeps, accountId: string): string | undefined {
  const meta = deps.accounts.list().find((candidate) => candidate.id === accountId);
  return meta ? accountIdentity(meta) : undefined;
}

export { accountIdentity } from './orderJournal';

export function registerRenewPanel(context: vscode.ExtensionContext, deps: RenewPanelDeps): RenewPanels {
  const panels = new RenewPanels(context, deps);
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand('ovhcloud.compareRenewStrategies', async (arg?: unknown) => {
      const target = serviceRefOf(arg) ?? (await deps.pickService());
      if (!target || !deps.accounts.list().some((meta) => meta.id === target.accountId)) return undefined;
      return panels.show(target).key;
    }),
    // The panel resumes a known unpaid order by itself: paying later is opening it again.
    vscode.commands.registerCommand('ovhcloud.payUnpaidOrder', async (arg?: unknown) => {
      const target = serviceRefOf(arg);
      if (!target || !deps.journal.forService(target.accountId, target.serviceId)) return undefined;
      return panels.show(target).key;
    }),
    vscode.commands.registerCommand('ovhcloud.forgetOrder', async (arg?: unknown) =>
      forgetOrder({ journal: deps.journal, leases: deps.leases, prompter: deps.prompter, log: deps.log, identityOf: (accountId) => identityOf(deps, accountId) }, serviceRefOf(arg)),
    ),
    vscode.window.registerWebviewPanelSerializer(RENEW_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        // Restored state comes from the webview: trust it no more than a message.
        const saved = SavedStateSchema.safeParse(state);
        if (!saved.success || !deps.accounts.list().some((meta) => meta.id === saved.data.accountId)) {
          deps.log.warn('Renew panel: could not restore a panel from its saved state; closing it.');
          panel.dispose();
          return;
        }
        panels.adopt(panel, saved.data);
      },
    }),
  );
  return panels;
}

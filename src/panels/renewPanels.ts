import * as vscode from 'vscode';
import type { AccountService } from '../auth/accountService';
import type { Prompter } from '../auth/prompter';
import { isOvhApiError } from '../ovh';
import { SavedStateSchema, type SavedState } from '../protocol/renewPanel';
import { serviceKey, type ServiceRef } from '../protocol/serviceRef';
import type { LeaseFiles } from '../core/orders/leaseFiles';
import type { OrderJournal } from '../core/orders/orderJournal';
import { sessionIdentity } from '../auth/accountIdentity';
import { RenewPanel } from './renewPanel';
import { RENEW_PANEL_VIEW_TYPE } from './registerRenewPanel';
import { newLeaseOwner, PanelRegistry } from '../webviewHost/panelRegistry';

/** What the renew panels need from the rest of the extension. */
export interface RenewPanelsDeps {
  readonly accounts: AccountService;
  readonly journal: OrderJournal;
  readonly leases: LeaseFiles;
  readonly requestTimeoutMs: () => number;
  readonly log: vscode.LogOutputChannel;
  readonly prompter: () => Prompter;
  /** Refreshes a renewed service in the tree. */
  readonly onRenewed: (accountId: string, serviceId: number) => void;
  /** The panel's Renew Settings… button: the renew-settings flow for its service, with its own confirmations and log. */
  readonly openRenewSettings: (ref: ServiceRef) => Promise<unknown>;
  readonly statusPollMs?: () => number | undefined;
  /** Panels record what they post only under test. */
  readonly underTest?: boolean;
}

/** Open panels by serviceKey: the command reveals an existing one instead of opening a second. */
export class RenewPanels implements vscode.Disposable {
  private readonly open = new PanelRegistry<RenewPanel>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: RenewPanelsDeps,
  ) {}

  dispose(): void {
    this.open.dispose();
  }

  get(accountId: string, serviceId: number): RenewPanel | undefined {
    return this.open.get(serviceKey({ accountId, serviceId }));
  }

  show(target: ServiceRef): RenewPanel {
    const existing = this.open.reveal(serviceKey(target));
    if (existing) return existing;
    const panel = vscode.window.createWebviewPanel(RENEW_PANEL_VIEW_TYPE, vscode.l10n.t('Renew {0}', `#${target.serviceId}`), vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    return this.adopt(panel, target);
  }

  /** Brings a panel back after a window reload, from the state its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): RenewPanel | undefined {
    // Restored state comes from the webview: trust it no more than a message.
    const saved = SavedStateSchema.safeParse(state);
    if (!saved.success || !this.deps.accounts.list().some((meta) => meta.id === saved.data.accountId)) {
      this.deps.log.warn('Renew panel: could not restore a panel from its saved state; closing it.');
      panel.dispose();
      return undefined;
    }
    return this.adopt(panel, saved.data);
  }

  /** Also used by restore() and by tests for a second panel on one service. */
  adopt(panel: vscode.WebviewPanel, target: ServiceRef & Partial<SavedState>): RenewPanel {
    const { accounts, journal, leases, log, prompter, onRenewed, statusPollMs } = this.deps;
    const owner = newLeaseOwner('renew');
    const renewPanel = new RenewPanel(
      panel,
      this.context.extensionUri,
      target,
      {
        api: () => accounts.api(target.accountId),
        identity: sessionIdentity(accounts, target.accountId),
        owner,
        journal,
        leases,
        whenLeasesFree: (keys, self, stop) => leases.whenFree(keys, self, stop),
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
      { recordPosted: this.deps.underTest, openRenewSettings: this.deps.openRenewSettings },
    );
    return this.open.add(renewPanel);
  }
}

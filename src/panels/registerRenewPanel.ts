import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { AccountService } from '../auth/accountService';
import type { Prompter } from '../auth/prompter';
import { isOvhApiError } from '../ovh';
import { SavedStateSchema, type SavedState } from '../protocol/renewPanel';
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
  readonly pickService: () => Promise<{ accountId: string; serviceId: number } | undefined>;
  /** Refreshes a renewed service in the tree. */
  readonly onRenewed: (accountId: string, serviceId: number) => void;
  readonly statusPollMs?: () => number | undefined;
}

const TargetSchema = z.object({ accountId: z.string(), serviceId: z.number() });
/** A Services tree node, which VS Code passes to commands run from its context menu. */
const TreeNodeSchema = z.object({ accountId: z.string(), facts: z.object({ service: z.object({ serviceId: z.number() }) }) });

function targetOf(arg: unknown): SavedState | undefined {
  const direct = TargetSchema.safeParse(arg);
  if (direct.success) return { accountId: direct.data.accountId, serviceId: direct.data.serviceId };
  const node = TreeNodeSchema.safeParse(arg);
  return node.success ? { accountId: node.data.accountId, serviceId: node.data.facts.service.serviceId } : undefined;
}

/** Open panels by "account:service": the command reveals an existing one instead of opening a second. */
export class RenewPanels implements vscode.Disposable {
  private readonly open = new Map<string, RenewPanel>();
  /** Numbers this window's panels for their leases. */
  private panelCount = 0;
  /**
   * This extension host, for lease owners. Not vscode.env.sessionId alone: code-server
   * gives every window the same placeholder ("someValue.sessionId"), and a window that
   * takes another window's lease for its own no longer waits for it.
   */
  private readonly hostId = randomUUID();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: RenewPanelDeps,
  ) {}

  dispose(): void {
    for (const panel of this.open.values()) panel.dispose();
    this.open.clear();
  }

  get(accountId: string, serviceId: number): RenewPanel | undefined {
    return this.open.get(`${accountId}:${serviceId}`);
  }

  show(target: SavedState): RenewPanel {
    const existing = this.open.get(`${target.accountId}:${target.serviceId}`);
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
  adopt(panel: vscode.WebviewPanel, target: SavedState): RenewPanel {
    const { accounts, journal, leases, log, prompter, onRenewed, statusPollMs } = this.deps;
    const meta = accounts.list().find((candidate) => candidate.id === target.accountId);
    const owner = `${vscode.env.sessionId}/${this.hostId}/${++this.panelCount}`;
    const renewPanel = new RenewPanel(
      panel,
      this.context.extensionUri,
      target,
      {
        api: () => accounts.api(target.accountId),
        identity: meta ? accountIdentity(meta) : `account:${target.accountId}`,
        owner,
        journal,
        leases,
        whenLeasesFree: (keys, stop) => leases.whenFree(keys, owner, stop),
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
      const target = targetOf(arg) ?? (await deps.pickService());
      if (!target || !deps.accounts.list().some((meta) => meta.id === target.accountId)) return undefined;
      return panels.show(target).key;
    }),
    // The panel resumes a known unpaid order by itself: paying later is opening it again.
    vscode.commands.registerCommand('ovhcloud.payUnpaidOrder', async (arg?: unknown) => {
      const target = targetOf(arg);
      if (!target || !deps.journal.forService(target.accountId, target.serviceId)) return undefined;
      return panels.show(target).key;
    }),
    vscode.commands.registerCommand('ovhcloud.forgetOrder', async (arg?: unknown) =>
      forgetOrder({ journal: deps.journal, leases: deps.leases, prompter: deps.prompter, log: deps.log, identityOf: (accountId) => identityOf(deps, accountId) }, targetOf(arg)),
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

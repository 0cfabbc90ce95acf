import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { AccountService } from '../auth/accountService';
import type { Prompter } from '../auth/prompter';
import { isOvhApiError, type ServiceSummary } from '../ovh';
import { BatchSavedSchema, type BatchSaved } from '../protocol/batchPanel';
import { inScope, soonestFirst, type ExpiringScope } from '../renewal';
import { BATCH_PANEL_VIEW_TYPE, BatchPanel } from './batchPanel';
import { BatchRecords } from './batchRecords';
import type { LeaseFiles } from './leaseFiles';
import { accountIdentity, type JournalStore, type OrderJournal } from './orderJournal';
import { serviceTargetOf, type RenewPanels } from './registerRenewPanel';

export interface BatchPanelRegistration {
  readonly accounts: AccountService;
  readonly journal: OrderJournal;
  /** Where batch records live: the journal's own folder. */
  readonly records: JournalStore;
  readonly leases: LeaseFiles;
  readonly renewPanels: RenewPanels;
  readonly requestTimeoutMs: () => number;
  readonly warningDays: () => number;
  readonly log: vscode.LogOutputChannel;
  readonly prompter: () => Prompter;
  /** The services of an account as the Services view lists them (loaded if needed). */
  readonly servicesOf: (accountId: string) => Promise<readonly ServiceSummary[]>;
  /** Called once per batch that renewed something: the tree refreshes once, with fresh data. */
  readonly onRenewed: (accountId: string) => void;
  readonly statusPollMs?: () => number | undefined;
  /** Record what is posted to the webviews (tests only). */
  readonly recordPosts: boolean;
}

/** Open batch panels by batch id. */
export class BatchPanels implements vscode.Disposable {
  private readonly open = new Map<string, BatchPanel>();
  private panelCount = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: BatchPanelRegistration,
  ) {}

  dispose(): void {
    for (const panel of this.open.values()) panel.dispose();
    this.open.clear();
  }

  get(batchId: string): BatchPanel | undefined {
    return this.open.get(batchId);
  }

  /** A new batch over these services of one account. */
  show(accountId: string, serviceIds: readonly number[], summaries: readonly ServiceSummary[]): BatchPanel {
    const panel = vscode.window.createWebviewPanel(BATCH_PANEL_VIEW_TYPE, vscode.l10n.t('Renew several services'), vscode.ViewColumn.Active, { enableScripts: true });
    const batchId = `${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
    return this.adopt(panel, { accountId, batchId }, serviceIds, summaries);
  }

  /** Also used by the serializer: a reloaded batch rebuilds its table from its record and the journal. */
  adopt(panel: vscode.WebviewPanel, saved: BatchSaved, serviceIds: readonly number[], summaries: readonly ServiceSummary[]): BatchPanel {
    const { accounts, journal, leases, log, prompter, statusPollMs } = this.deps;
    const meta = accounts.list().find((candidate) => candidate.id === saved.accountId);
    const batchPanel = new BatchPanel(
      panel,
      this.context.extensionUri,
      saved,
      {
        accountId: saved.accountId,
        batchId: saved.batchId,
        services: serviceIds.map((serviceId) => ({ serviceId, summary: summaries.find((summary) => summary.serviceId === serviceId) })),
        api: () => accounts.api(saved.accountId),
        identity: meta ? accountIdentity(meta) : `account:${saved.accountId}`,
        owner: `${vscode.env.sessionId}/batch${++this.panelCount}`,
        journal,
        leases,
        records: this.deps.records,
        requestTimeoutMs: this.deps.requestTimeoutMs(),
        confirm: async (message, detail, action) => (await prompter().confirm(message, detail, action)) === action,
        openExternal: async (url) => void (await prompter().openExternal(vscode.Uri.parse(url, true))),
        openPanel: async (serviceId) => void this.deps.renewPanels.show({ accountId: saved.accountId, serviceId }),
        log,
        onRenewed: this.deps.onRenewed,
        statusPollMs: statusPollMs?.(),
        reportFailure: (error) => {
          if (isOvhApiError(error)) accounts.reportFailure(saved.accountId, error);
        },
      },
      log,
      this.deps.recordPosts,
    );
    this.open.set(batchPanel.key, batchPanel);
    batchPanel.onDidClose(() => this.open.delete(batchPanel.key));
    return batchPanel;
  }

  /** One panel per account of the selection. */
  async openFor(targets: ReadonlyArray<{ accountId: string; serviceId: number }>): Promise<BatchPanel[]> {
    const byAccount = new Map<string, number[]>();
    for (const { accountId, serviceId } of targets) {
      if (!this.deps.accounts.list().some((meta) => meta.id === accountId)) continue;
      const ids = byAccount.get(accountId) ?? [];
      if (!ids.includes(serviceId)) ids.push(serviceId);
      byAccount.set(accountId, ids);
    }
    const panels: BatchPanel[] = [];
    for (const [accountId, ids] of byAccount) panels.push(this.show(accountId, ids, await this.deps.servicesOf(accountId)));
    return panels;
  }
}

/** The palette's question: which services to renew, then a multi-select of them, soonest first, all checked. */
async function pickExpiring(deps: BatchPanelRegistration): Promise<Array<{ accountId: string; serviceId: number }> | undefined> {
  const prompter = deps.prompter();
  const warningDays = deps.warningDays();
  const scopes: Array<vscode.QuickPickItem & { scope: ExpiringScope }> = [
    { label: vscode.l10n.t('Expired'), scope: 'expired' },
    { label: vscode.l10n.t('Expiring within 7 days'), scope: 'within7Days' },
    { label: vscode.l10n.t('Expiring within {0} days', warningDays), description: vscode.l10n.t('your warning window'), scope: 'withinWarning' },
    { label: vscode.l10n.t('Manual renewal only'), description: vscode.l10n.t('within {0} days', warningDays), scope: 'manualRenew' },
  ];
  const scope = await prompter.pick(scopes, { title: vscode.l10n.t('OVHcloud: Renew Expiring Services'), placeHolder: vscode.l10n.t('Which services?') });
  if (!scope) return undefined;
  const now = new Date();
  const several = deps.accounts.list().length > 1;
  type Item = vscode.QuickPickItem & { accountId: string; serviceId: number };
  const items: Item[] = [];
  for (const meta of deps.accounts.list()) {
    const services = soonestFirst((await deps.servicesOf(meta.id)).filter((service) => service.lifecycleState !== 'terminated' && inScope(service, scope.scope, now, warningDays)));
    for (const service of services) {
      items.push({
        label: service.displayName,
        description: service.expirationDate ? new Date(service.expirationDate).toLocaleDateString(vscode.env.language, { timeZone: 'UTC' }) : undefined,
        detail: several ? meta.label : service.name !== service.displayName ? service.name : undefined,
        picked: true,
        accountId: meta.id,
        serviceId: service.serviceId,
      });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No service matches: nothing to renew.'));
    return undefined;
  }
  const picked = await prompter.pickMany(items, { title: vscode.l10n.t('OVHcloud: Renew Expiring Services'), placeHolder: vscode.l10n.t('Services to renew, soonest expiry first') });
  return picked && picked.length > 0 ? picked.map(({ accountId, serviceId }) => ({ accountId, serviceId })) : undefined;
}

export function registerBatchPanel(context: vscode.ExtensionContext, deps: BatchPanelRegistration): BatchPanels {
  const panels = new BatchPanels(context, deps);
  const records = new BatchRecords(deps.records);
  context.subscriptions.push(
    panels,
    // From the tree: VS Code passes the clicked node, then every selected node.
    vscode.commands.registerCommand('ovhcloud.renewSelected', async (arg?: unknown, selection?: unknown) => {
      const nodes = Array.isArray(selection) && selection.length > 0 ? selection : [arg];
      const targets = nodes.flatMap((node) => serviceTargetOf(node) ?? []);
      return (await panels.openFor(targets)).map((panel) => panel.key);
    }),
    vscode.commands.registerCommand('ovhcloud.renewExpiring', async () => {
      const targets = await pickExpiring(deps);
      return targets ? (await panels.openFor(targets)).map((panel) => panel.key) : [];
    }),
    vscode.window.registerWebviewPanelSerializer(BATCH_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        // Restored state comes from the webview: trust it no more than a message.
        const saved = BatchSavedSchema.safeParse(state);
        const record = saved.success ? records.get(saved.data.batchId) : undefined;
        if (!saved.success || !record || record.accountId !== saved.data.accountId || !deps.accounts.list().some((meta) => meta.id === saved.data.accountId)) {
          deps.log.warn('Batch panel: could not restore a panel from its saved state; closing it.');
          panel.dispose();
          return;
        }
        panels.adopt(panel, saved.data, record.rows.map((row) => row.serviceId), await deps.servicesOf(saved.data.accountId));
      },
    }),
  );
  return panels;
}

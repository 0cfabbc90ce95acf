import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isOvhApiError, type ServiceSummary } from '../ovh';
import { BatchSavedSchema, type BatchSaved } from '../protocol/batchPanel';
import type { ServiceRef } from '../protocol/serviceRef';
import type { ExpiringScope } from '../renewal';
import { BatchPanel } from './batchPanel';
import { safeLocale } from '../format';
import { BatchRecords } from '../core/batch/batchRecords';
import { expiringPicks } from '../core/batch/expiringPicks';
import { sessionIdentity } from '../auth/accountIdentity';
import { BATCH_PANEL_VIEW_TYPE, type BatchPanelRegistration } from './registerBatchPanel';
import { newLeaseOwner, PanelRegistry } from '../webviewHost/panelRegistry';

/** Open batch panels by batch id. */
export class BatchPanels implements vscode.Disposable {
  private readonly open = new PanelRegistry<BatchPanel>();
  private readonly records: BatchRecords;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: BatchPanelRegistration,
  ) {
    this.records = new BatchRecords(deps.records);
  }

  dispose(): void {
    this.open.dispose();
  }

  get(batchId: string): BatchPanel | undefined {
    return this.open.get(batchId);
  }

  /** Every open batch panel (a panel opened by a language-model tool has no key the caller sees). */
  openPanels(): BatchPanel[] {
    return this.open.values();
  }

  /** A new batch over these services of one account. */
  show(accountId: string, serviceIds: readonly number[], summaries: readonly ServiceSummary[]): BatchPanel {
    const panel = vscode.window.createWebviewPanel(BATCH_PANEL_VIEW_TYPE, vscode.l10n.t('Renew several services'), vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    const batchId = `${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
    return this.adopt(panel, { accountId, batchId }, serviceIds, summaries);
  }

  /** Also used by the serializer: a reloaded batch rebuilds its table from its record and the journal. */
  adopt(panel: vscode.WebviewPanel, saved: BatchSaved, serviceIds: readonly number[], summaries: readonly ServiceSummary[]): BatchPanel {
    const { accounts, journal, leases, log, prompter, statusPollMs } = this.deps;
    const batchPanel = new BatchPanel(
      panel,
      this.context.extensionUri,
      saved,
      {
        accountId: saved.accountId,
        batchId: saved.batchId,
        services: serviceIds.map((serviceId) => ({ serviceId, summary: summaries.find((summary) => summary.serviceId === serviceId) })),
        api: () => accounts.api(saved.accountId),
        identity: sessionIdentity(accounts, saved.accountId),
        owner: newLeaseOwner('batch'),
        journal,
        leases,
        // Each row follows another window's work on its service, as a single panel does.
        whenLeasesFree: (keys, self, stop) => leases.whenFree(keys, self, stop),
        records: this.deps.records,
        requestTimeoutMs: this.deps.requestTimeoutMs(),
        confirm: async (message, detail, action) => (await prompter().confirm(message, detail, action)) === action,
        openExternal: async (url) => void (await prompter().openExternal(vscode.Uri.parse(url, true))),
        openPanel: async (serviceId) => void this.deps.renewPanels().show({ accountId: saved.accountId, serviceId }),
        log,
        onRenewed: this.deps.onRenewed,
        statusPollMs: statusPollMs?.(),
        reportFailure: (error) => {
          if (isOvhApiError(error)) accounts.reportFailure(saved.accountId, error);
        },
      },
      log,
      this.deps.underTest ?? false,
    );
    return this.open.add(batchPanel);
  }

  /** Brings a batch panel back after a reload: its table comes from the batch record and the journal. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<BatchPanel | undefined> {
    // Restored state comes from the webview: trust it no more than a message.
    const saved = BatchSavedSchema.safeParse(state);
    const record = saved.success ? this.records.get(saved.data.batchId) : undefined;
    if (!saved.success || !record || record.accountId !== saved.data.accountId || !this.deps.accounts.list().some((meta) => meta.id === saved.data.accountId)) {
      this.deps.log.warn('Batch panel: could not restore a panel from its saved state; closing it.');
      panel.dispose();
      return undefined;
    }
    return this.adopt(
      panel,
      saved.data,
      record.rows.map((row) => row.serviceId),
      await this.deps.servicesOf(saved.data.accountId),
    );
  }

  /** Renew Expiring Services…: the palette's quick picks, then one panel per account. */
  async pickAndOpen(): Promise<BatchPanel[]> {
    const targets = await pickExpiring(this.deps);
    return targets ? this.openFor(targets) : [];
  }

  /** One panel per account of the selection. */
  async openFor(targets: readonly ServiceRef[]): Promise<BatchPanel[]> {
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
async function pickExpiring(deps: BatchPanelRegistration): Promise<ServiceRef[] | undefined> {
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
  const accounts = [];
  for (const meta of deps.accounts.list()) accounts.push({ accountId: meta.id, accountLabel: meta.label, services: await deps.servicesOf(meta.id) });
  type Item = vscode.QuickPickItem & { accountId: string; serviceId: number };
  const items: Item[] = expiringPicks(accounts, scope.scope, { now: deps.now(), warningDays, locale: safeLocale(vscode.env.language) }, vscode.l10n.t).map(
    (pick) => ({ ...pick, picked: true }),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No service matches: nothing to renew.'));
    return undefined;
  }
  const picked = await prompter.pickMany(items, {
    title: vscode.l10n.t('OVHcloud: Renew Expiring Services'),
    placeHolder: vscode.l10n.t('Services to renew, soonest expiry first'),
  });
  return picked && picked.length > 0 ? picked.map(({ accountId, serviceId }) => ({ accountId, serviceId })) : undefined;
}

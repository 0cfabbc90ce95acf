import * as vscode from 'vscode';
import { BATCH_STRINGS, BatchMessageSchema, type BatchHostMessage, type BatchMessage, type BatchSaved, type BatchState } from '../protocol/batchPanel';
import { BatchSession, type BatchDeps } from '../core/batch/batchSession';
import { translatedStrings, WebviewHost } from '../webviewHost/webviewHost';

export type BatchPanelDeps = Omit<BatchDeps, 'onState' | 't' | 'locale'>;

/**
 * One webview panel for a batch of renewals. Like the single panel, the webview is only a
 * view: the host drops every message outside the batch protocol; every decision lives in
 * BatchSession.
 */
export class BatchPanel extends WebviewHost<BatchMessage, BatchHostMessage> {
  private readonly session: BatchSession;
  private readonly saved: BatchSaved;
  readonly started: Promise<void>;

  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, saved: BatchSaved, deps: BatchPanelDeps, log: vscode.LogOutputChannel, record: boolean) {
    const locale = vscode.env.language;
    super(
      panel,
      extensionUri,
      {
        locale,
        title: vscode.l10n.t('Renew several services'),
        bundle: 'batchPanel',
        styles: ['base', 'controls', 'batchPanel'],
        images: true,
        accepts: BatchMessageSchema,
        logName: 'Batch panel',
      },
      { log, record },
    );
    this.saved = { accountId: saved.accountId, batchId: saved.batchId };
    this.session = new BatchSession({ ...deps, t: vscode.l10n.t, locale, onState: (state) => void this.send({ type: 'state', state }) });
    this.started = this.session.start().catch((error: unknown) => log.error(`Batch panel: ${error instanceof Error ? error.message : String(error)}`));
  }

  get key(): string {
    return this.saved.batchId;
  }

  get state(): BatchState {
    return this.session.current;
  }

  get batch(): BatchSession {
    return this.session;
  }

  protected async handle(message: BatchMessage): Promise<void> {
    if (message.type === 'ready') void this.send({ type: 'init', strings: translatedStrings(BATCH_STRINGS), locale: vscode.env.language, saved: this.saved });
    await this.session.handle(message);
  }

  protected override closing(): void {
    this.session.dispose();
  }
}

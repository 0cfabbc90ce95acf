import * as vscode from 'vscode';
import { BATCH_STRINGS, BatchMessageSchema, type BatchHostMessage, type BatchMessage, type BatchSaved, type BatchState } from '../protocol/batchPanel';
import { BatchSession, type BatchDeps } from './pure/batchSession';
import { translatedStrings, WebviewHost } from '../webviewHost/webviewHost';

export type BatchPanelDeps = Omit<BatchDeps, 'onState' | 't' | 'locale'>;

/**
 * One webview panel for a batch of renewals. Like the single panel, the webview is only a
 * view: the host drops every message outside the batch protocol; every decision lives in
 * BatchSession.
 */
export class BatchPanel implements vscode.Disposable {
  private readonly session: BatchSession;
  private readonly host: WebviewHost<BatchMessage, BatchHostMessage>;
  readonly onDidClose: vscode.Event<void>;
  private readonly saved: BatchSaved;
  readonly started: Promise<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    saved: BatchSaved,
    deps: BatchPanelDeps,
    log: vscode.LogOutputChannel,
    record: boolean,
  ) {
    this.saved = { accountId: saved.accountId, batchId: saved.batchId };
    const locale = vscode.env.language;
    this.host = new WebviewHost(
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
      { log, receive: (message) => this.handle(message), record, beforeClose: () => this.session.dispose() },
    );
    this.onDidClose = this.host.onDidClose;
    this.session = new BatchSession({ ...deps, t: vscode.l10n.t, locale, onState: (state) => void this.host.post({ type: 'state', state }) });
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

  /** Messages posted to the webview: recorded only under test, for the leak scan. */
  get posted(): readonly BatchHostMessage[] {
    return this.host.posted;
  }

  /** The single entry point for webview messages (checked against the protocol), also used by the tests. */
  async receive(raw: unknown): Promise<void> {
    await this.host.receive(raw);
  }

  reveal(): void {
    this.host.reveal();
  }

  dispose(): void {
    this.host.dispose();
  }

  private async handle(message: BatchMessage): Promise<void> {
    if (message.type === 'ready')
      void this.host.post({ type: 'init', strings: translatedStrings(BATCH_STRINGS), locale: vscode.env.language, saved: this.saved });
    await this.session.handle(message);
  }
}

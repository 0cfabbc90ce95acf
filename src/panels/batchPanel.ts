import * as vscode from 'vscode';
import { BATCH_STRINGS, BatchMessageSchema, type BatchHostMessage, type BatchSaved, type BatchState } from '../protocol/batchPanel';
import { BatchSession, type BatchDeps } from './pure/batchSession';
import { webviewHtml } from '../webviewHtml';
import { translatedStrings } from './renewPanel';

export type BatchPanelDeps = Omit<BatchDeps, 'onState' | 't' | 'locale'>;

/**
 * One webview panel for a batch of renewals. Like the single panel, the webview is only a
 * view: each message is validated against the batch protocol and anything else dropped;
 * every decision lives in BatchSession.
 */
export class BatchPanel implements vscode.Disposable {
  private readonly session: BatchSession;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  /** Messages posted to the webview: recorded only under test, for the leak scan. */
  readonly posted: BatchHostMessage[] = [];
  private readonly saved: BatchSaved;
  readonly started: Promise<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    saved: BatchSaved,
    deps: BatchPanelDeps,
    private readonly log: vscode.LogOutputChannel,
    private readonly record: boolean,
  ) {
    this.saved = { accountId: saved.accountId, batchId: saved.batchId };
    const locale = vscode.env.language;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ovhcloud.svg');
    this.session = new BatchSession({ ...deps, t: vscode.l10n.t, locale, onState: (state) => this.post({ type: 'state', state }) });
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      locale,
      title: vscode.l10n.t('Renew several services'),
      bundle: 'batchPanel',
      styles: ['renewPanel', 'batchPanel'],
      images: true,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.started = this.session.start().catch((error: unknown) => this.log.error(`Batch panel: ${error instanceof Error ? error.message : String(error)}`));
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

  /** The single entry point for webview messages, also used by the tests. */
  async receive(raw: unknown): Promise<void> {
    const parsed = BatchMessageSchema.safeParse(raw);
    if (!parsed.success) {
      // Never echo the content: it may be anything, including pasted secrets.
      this.log.warn('Batch panel: dropped a message that is not part of the protocol.');
      return;
    }
    if (parsed.data.type === 'ready') this.post({ type: 'init', strings: translatedStrings(BATCH_STRINGS), locale: vscode.env.language, saved: this.saved });
    try {
      await this.session.handle(parsed.data);
    } catch (error) {
      this.log.error(`Batch panel: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.session.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.closed.fire();
    this.closed.dispose();
  }

  private post(message: BatchHostMessage): void {
    if (this.record) this.posted.push(message);
    void this.panel.webview.postMessage(message);
  }
}

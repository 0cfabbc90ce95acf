import * as vscode from 'vscode';
import { PANEL_STRINGS, WebviewMessageSchema, type HostMessage, type PanelState, type SavedState } from '../protocol/renewPanel';
import { webviewHtml } from '../webviewHtml';
import { RenewSession, type SessionDeps } from './pure/renewSession';
import { serviceKey, type ServiceRef } from '../protocol/serviceRef';

export type PanelSessionDeps = Omit<SessionDeps, 'accountId' | 'serviceId' | 'onState' | 't' | 'locale'>;

/**
 * One webview panel for one service. The webview is only a view: every message it
 * sends is validated against the protocol and anything else is dropped; all
 * decisions live in RenewSession.
 */
export class RenewPanel implements vscode.Disposable {
  private readonly session: RenewSession;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  /** Every message posted to the webview, for the tests' leak scan and probes: recorded only under test. */
  readonly posted: HostMessage[] = [];
  private readonly recordPosted: boolean;
  private readonly saved: SavedState;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    saved: ServiceRef & Partial<SavedState>,
    deps: PanelSessionDeps,
    private readonly log: vscode.LogOutputChannel,
    options: { readonly recordPosted?: boolean } = {},
  ) {
    this.recordPosted = options.recordPosted ?? false;
    this.saved = { accountId: saved.accountId, serviceId: saved.serviceId, sort: saved.sort };
    const locale = vscode.env.language;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ovhcloud.svg');
    this.session = new RenewSession({
      ...deps,
      accountId: saved.accountId,
      serviceId: saved.serviceId,
      t: vscode.l10n.t,
      locale,
      onState: (state) => this.onState(state),
    });
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      locale,
      title: vscode.l10n.t('Renew {0}', `#${saved.serviceId}`),
      bundle: 'renewPanel',
      styles: ['renewPanel'],
      images: true,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.session.start();
  }

  get key(): string {
    return serviceKey(this.saved);
  }

  get state(): PanelState {
    return this.session.current;
  }

  /** The single entry point for webview messages, also used by the tests. */
  async receive(raw: unknown): Promise<void> {
    const parsed = WebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      // Never echo the content: it may be anything, including pasted secrets.
      this.log.warn('Renew panel: dropped a message that is not part of the protocol.');
      return;
    }
    if (parsed.data.type === 'renewSettings') {
      // Handled by the renew-settings commands, with their own confirmations and log.
      await vscode.commands.executeCommand('ovhcloud.services.renewSettings', { accountId: this.saved.accountId, serviceId: this.saved.serviceId });
      return;
    }
    if (parsed.data.type === 'ready') this.post({ type: 'init', strings: translatedStrings(), locale: vscode.env.language, saved: this.saved });
    try {
      await this.session.handle(parsed.data);
    } catch (error) {
      this.log.error(`Renew panel: ${error instanceof Error ? error.message : String(error)}`);
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

  private onState(state: PanelState): void {
    this.panel.title = vscode.l10n.t('Renew {0}', state.service.displayName);
    this.post({ type: 'state', state });
  }

  private post(message: HostMessage): void {
    if (this.recordPosted) this.posted.push(message);
    void this.panel.webview.postMessage(message);
  }
}

/** A webview's fixed texts, translated one by one (the l10n extractor reads the tables themselves). */
export function translatedStrings(table: Readonly<Record<string, string>> = PANEL_STRINGS): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([key, english]) => [key, vscode.l10n.t(english)]));
}

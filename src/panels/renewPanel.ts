import * as vscode from 'vscode';
import { PANEL_STRINGS, WebviewMessageSchema, type HostMessage, type PanelState, type SavedState, type WebviewMessage } from '../protocol/renewPanel';
import { translatedStrings, WebviewHost } from '../webviewHost/webviewHost';
import { RenewSession, type SessionDeps } from './pure/renewSession';
import { serviceKey, type ServiceRef } from '../protocol/serviceRef';

export type PanelSessionDeps = Omit<SessionDeps, 'accountId' | 'serviceId' | 'onState' | 't' | 'locale'>;

/**
 * One webview panel for one service. The webview is only a view: the host drops every
 * message outside the protocol; all decisions live in RenewSession.
 */
export class RenewPanel implements vscode.Disposable {
  private readonly session: RenewSession;
  private readonly host: WebviewHost<WebviewMessage, HostMessage>;
  readonly onDidClose: vscode.Event<void>;
  private readonly saved: SavedState;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    saved: ServiceRef & Partial<SavedState>,
    deps: PanelSessionDeps,
    log: vscode.LogOutputChannel,
    options: { readonly recordPosted?: boolean } = {},
  ) {
    this.saved = { accountId: saved.accountId, serviceId: saved.serviceId, sort: saved.sort };
    const locale = vscode.env.language;
    this.host = new WebviewHost(
      panel,
      extensionUri,
      {
        locale,
        title: vscode.l10n.t('Renew {0}', `#${saved.serviceId}`),
        bundle: 'renewPanel',
        styles: ['base', 'controls', 'renewPanel'],
        images: true,
        accepts: WebviewMessageSchema,
        logName: 'Renew panel',
      },
      { log, receive: (message) => this.handle(message), record: options.recordPosted, beforeClose: () => this.session.dispose() },
    );
    this.session = new RenewSession({
      ...deps,
      accountId: saved.accountId,
      serviceId: saved.serviceId,
      t: vscode.l10n.t,
      locale,
      onState: (state) => this.onState(state),
    });
    this.onDidClose = this.host.onDidClose;
    void this.session.start();
  }

  get key(): string {
    return serviceKey(this.saved);
  }

  get state(): PanelState {
    return this.session.current;
  }

  /** Every message posted to the webview, for the tests' leak scan and probes: recorded only under test. */
  get posted(): readonly HostMessage[] {
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

  private async handle(message: WebviewMessage): Promise<void> {
    if (message.type === 'renewSettings') {
      // Handled by the renew-settings commands, with their own confirmations and log.
      await vscode.commands.executeCommand('ovhcloud.services.renewSettings', { accountId: this.saved.accountId, serviceId: this.saved.serviceId });
      return;
    }
    if (message.type === 'ready')
      void this.host.post({ type: 'init', strings: translatedStrings(PANEL_STRINGS), locale: vscode.env.language, saved: this.saved });
    await this.session.handle(message);
  }

  private onState(state: PanelState): void {
    this.host.panel.title = vscode.l10n.t('Renew {0}', state.service.displayName);
    void this.host.post({ type: 'state', state });
  }
}

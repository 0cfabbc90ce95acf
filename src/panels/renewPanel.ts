import * as vscode from 'vscode';
import {
  PANEL_STRINGS,
  RenewPanelMessageSchema,
  type RenewHostMessage,
  type RenewPanelState,
  type SavedState,
  type RenewPanelMessage,
} from '../protocol/renewPanel';
import { translatedStrings, WebviewHost } from '../webviewHost/webviewHost';
import { RenewSession, type SessionDeps } from '../core/orders/renewSession';
import { serviceKey, type ServiceRef } from '../protocol/serviceRef';

export type PanelSessionDeps = Omit<SessionDeps, 'accountId' | 'serviceId' | 'onState' | 't' | 'locale'>;

/**
 * One webview panel for one service. The webview is only a view: the host drops every
 * message outside the protocol; all decisions live in RenewSession.
 */
export class RenewPanel extends WebviewHost<RenewPanelMessage, RenewHostMessage> {
  private readonly session: RenewSession;
  private readonly saved: SavedState;
  private readonly openRenewSettings: (ref: ServiceRef) => Promise<unknown>;

  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    saved: ServiceRef & Partial<SavedState>,
    deps: PanelSessionDeps,
    log: vscode.LogOutputChannel,
    options: { readonly recordPosted?: boolean; readonly openRenewSettings: (ref: ServiceRef) => Promise<unknown> },
  ) {
    const locale = vscode.env.language;
    super(
      panel,
      extensionUri,
      {
        locale,
        title: vscode.l10n.t('Renew {0}', `#${saved.serviceId}`),
        bundle: 'renewPanel',
        styles: ['base', 'controls', 'renewPanel'],
        images: true,
        accepts: RenewPanelMessageSchema,
        logName: 'Renew panel',
      },
      { log, record: options.recordPosted },
    );
    this.saved = { accountId: saved.accountId, serviceId: saved.serviceId, sort: saved.sort };
    this.openRenewSettings = options.openRenewSettings;
    this.session = new RenewSession({
      ...deps,
      accountId: saved.accountId,
      serviceId: saved.serviceId,
      t: vscode.l10n.t,
      locale,
      onState: (state) => this.onState(state),
    });
    void this.session.start();
  }

  get key(): string {
    return serviceKey(this.saved);
  }

  get state(): RenewPanelState {
    return this.session.current;
  }

  protected async handle(message: RenewPanelMessage): Promise<void> {
    if (message.type === 'renewSettings') {
      await this.openRenewSettings({ accountId: this.saved.accountId, serviceId: this.saved.serviceId });
      return;
    }
    if (message.type === 'ready') void this.send({ type: 'init', strings: translatedStrings(PANEL_STRINGS), locale: vscode.env.language, saved: this.saved });
    await this.session.handle(message);
  }

  protected override closing(): void {
    this.session.dispose();
  }

  private onState(state: RenewPanelState): void {
    this.panel.title = vscode.l10n.t('Renew {0}', state.service.displayName);
    void this.send({ type: 'state', state });
  }
}

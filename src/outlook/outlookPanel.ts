import * as vscode from 'vscode';
import type { ServiceSummary } from '../ovh';
import type { ServiceRef } from '../protocol/serviceRef';
import { type OutlookHostMessage, type OutlookSaved, type OutlookState, type OutlookWebviewMessage, OutlookWebviewMessageSchema } from '../protocol/outlook';
import { safeLocale } from '../format';
import { WebviewHost } from '../webviewHost/webviewHost';
import { buildOutlookState } from './pure/outlookState';

export interface OutlookSource {
  accountIds(): string[];
  listing(accountId: string): { readonly services?: readonly ServiceSummary[]; readonly loading: boolean };
  ensureLoaded(accountId: string): void;
  readonly onDidChange: vscode.Event<unknown>;
}

export interface OutlookDeps {
  readonly model: OutlookSource;
  readonly log: vscode.LogOutputChannel;
  readonly now: () => Date;
  /** Opens the renew panel of a service; its key, or undefined when none opened. */
  readonly openRenew: (ref: ServiceRef) => Promise<string | undefined>;
  /** Records what is posted and opened (tests, benchmark); off for users. */
  readonly underTest?: boolean;
}

/**
 * The Renewal Outlook panel (one per window). Reads only the listing the Services view
 * already holds: no request per service. The webview names choices; this class keeps
 * the services behind its tokens and opens the renew panel itself.
 */
export class OutlookPanel extends WebviewHost<OutlookWebviewMessage, OutlookHostMessage> {
  private span: 12 | 36 = 12;
  private currency: string | undefined;
  private month: string | undefined;
  private tokens: ReadonlyMap<string, { accountId: string; serviceId: number }> = new Map();
  /** Renew panels opened from here (their keys): recorded only under test. */
  readonly opened: string[] = [];
  private last: OutlookState | undefined;
  private readonly painted = new vscode.EventEmitter<OutlookState>();
  /** Fires when a state with data reaches the webview. */
  readonly onDidPost = this.painted.event;
  private readonly listening: vscode.Disposable;

  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly deps: OutlookDeps,
    saved?: OutlookSaved,
  ) {
    super(
      panel,
      extensionUri,
      {
        locale: safeLocale(vscode.env.language),
        title: vscode.l10n.t('Renewal Outlook'),
        bundle: 'outlook',
        styles: ['base', 'outlook'],
        images: false,
        accepts: OutlookWebviewMessageSchema,
        logName: 'Renewal outlook',
      },
      { log: deps.log, record: deps.underTest },
    );
    if (saved) ({ span: this.span, currency: this.currency, month: this.month } = saved);
    this.listening = deps.model.onDidChange(() => this.post());
    for (const id of deps.model.accountIds()) deps.model.ensureLoaded(id);
  }

  /** One outlook per window: the registry's only key. */
  get key(): string {
    return 'outlook';
  }

  get state(): OutlookState | undefined {
    return this.last;
  }

  private build(): OutlookState {
    const { model } = this.deps;
    const ids = model.accountIds();
    const services = ids.flatMap((accountId) => (model.listing(accountId).services ?? []).map((service) => ({ accountId, service })));
    const built = buildOutlookState(
      {
        services,
        loading: ids.some((id) => model.listing(id).loading),
        now: this.deps.now(),
        span: this.span,
        currency: this.currency,
        month: this.month,
        locale: safeLocale(vscode.env.language),
      },
      vscode.l10n.t,
    );
    this.tokens = built.tokens;
    return built.state;
  }

  post(): void {
    const message: OutlookHostMessage = { type: 'state', state: this.build() };
    this.last = message.state;
    void this.send(message).then((delivered) => {
      if (delivered) this.painted.fire(message.state);
    });
  }

  protected async handle(message: OutlookWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        break;
      case 'setSpan':
        this.span = message.span;
        break;
      case 'setCurrency':
        this.currency = message.currency;
        break;
      case 'selectMonth':
        this.month = message.month;
        break;
      case 'openService': {
        const target = this.tokens.get(message.token);
        if (!target) return;
        const key = await this.deps.openRenew(target);
        if (key && this.deps.underTest) this.opened.push(key);
        return;
      }
    }
    this.post();
  }

  /** For tests: what the webview would send (checked against the protocol like a real message). */
  async simulate(raw: unknown): Promise<void> {
    await this.receive(raw);
  }

  protected override closing(): void {
    this.listening.dispose();
    this.painted.dispose();
  }
}

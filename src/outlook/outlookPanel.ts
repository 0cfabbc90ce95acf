import * as vscode from 'vscode';
import type { ServiceSummary } from '../ovh';
import { type OutlookHostMessage, type OutlookState, OutlookWebviewMessageSchema } from '../protocol/outlook';
import { safeLocale } from '../views/pure/locale';
import { webviewHtml } from '../webviewHtml';
import { buildOutlookState } from './pure/outlookState';

export const OUTLOOK_VIEW_TYPE = 'ovhcloud.renewalOutlook';

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
  /** Records what is posted and opened (tests, benchmark); off for users. */
  readonly underTest?: boolean;
}

/**
 * The Renewal Outlook panel (one per window). Reads only the listing the Services view
 * already holds: no request per service. The webview names choices; this class keeps
 * the services behind its tokens and opens the renew panel itself.
 */
export class OutlookPanel implements vscode.Disposable {
  private span: 12 | 36 = 12;
  private currency: string | undefined;
  private month: string | undefined;
  private tokens: ReadonlyMap<string, { accountId: string; serviceId: number }> = new Map();
  private readonly disposables: vscode.Disposable[] = [];
  /** Renew panels opened from here (their keys): recorded only under test. */
  readonly opened: string[] = [];
  /** Every state posted, for tests and the benchmark: recorded only under test. */
  readonly posted: OutlookHostMessage[] = [];
  private last: OutlookState | undefined;
  private readonly painted = new vscode.EventEmitter<OutlookState>();
  /** Fires when a state with data reaches the webview. */
  readonly onDidPost = this.painted.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly deps: OutlookDeps,
    onDispose: () => void,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ovhcloud.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      locale: safeLocale(vscode.env.language),
      title: vscode.l10n.t('Renewal Outlook'),
      bundle: 'outlook',
      styles: ['outlook'],
      images: false,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      deps.model.onDidChange(() => this.post()),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
      this.painted,
    );
    for (const id of deps.model.accountIds()) deps.model.ensureLoaded(id);
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
    if (this.deps.underTest) this.posted.push(message);
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (delivered) this.painted.fire(message.state);
    });
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = OutlookWebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn('Renewal outlook: dropped a message that does not match the protocol');
      return;
    }
    const message = parsed.data;
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
        const key = await vscode.commands.executeCommand<string | undefined>('ovhcloud.compareRenewStrategies', target);
        if (key && this.deps.underTest) this.opened.push(key);
        return;
      }
    }
    this.post();
  }

  /** For tests: what the webview would send. */
  async simulate(raw: unknown): Promise<void> {
    await this.receive(raw);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

export interface OutlookPanels {
  show(): OutlookPanel;
  readonly current: OutlookPanel | undefined;
}

/** One outlook panel per window; the command ovhcloud.showRenewalOutlook calls show(). */
export function createOutlookPanels(context: vscode.ExtensionContext, deps: OutlookDeps): OutlookPanels {
  let current: OutlookPanel | undefined;
  context.subscriptions.push({ dispose: () => current?.panel.dispose() });
  return {
    show: () => {
      if (current) {
        current.panel.reveal();
        return current;
      }
      const panel = vscode.window.createWebviewPanel(OUTLOOK_VIEW_TYPE, vscode.l10n.t('Renewal Outlook'), vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: false,
      });
      current = new OutlookPanel(panel, context.extensionUri, deps, () => (current = undefined));
      return current;
    },
    get current() {
      return current;
    },
  };
}

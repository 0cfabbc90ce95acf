import * as vscode from 'vscode';
import type * as z from 'zod/mini';
import { webviewHtml, type WebviewPage } from './webviewHtml';

/** What a panel tells its host: the page to build and the protocol's check of what the webview sends. */
export interface HostedPage<In> extends WebviewPage {
  /** The protocol's schema for webview messages (wrapped in fromWebview). */
  readonly accepts: z.ZodMiniType<In>;
  /** The panel's name in the log ("Renew panel"). */
  readonly logName: string;
}

export interface HostOptions {
  readonly log: vscode.LogOutputChannel;
  /** Records every posted message (the tests' leak scan, probes, the benchmark): on only under test. */
  readonly record?: boolean;
}

/**
 * The plumbing every webview panel shares, which each panel kind extends: the page
 * (strict CSP, fresh nonce, assets through asWebviewUri), the check of every incoming
 * message against the protocol (anything else dropped, its content never logged),
 * posting, and disposal. The webview is only a view: what it may send is the protocol's,
 * and the panel holds amounts, ids and links.
 */
export abstract class WebviewHost<In, Out> implements vscode.Disposable {
  /** Every message posted to the webview: recorded only under test. */
  readonly posted: Out[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  /** Fires once, when the panel closes (by the user or by dispose()). */
  readonly onDidClose = this.closed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  /** The registry's key: a second open of the same key reveals this panel. */
  abstract get key(): string;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly page: HostedPage<In>,
    private readonly options: HostOptions,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ovhcloud.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, page);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** A message that passed the protocol's check; a throw is logged, never shown raw. */
  protected abstract handle(message: In): unknown;

  /** Runs first when the panel closes, while the webview still exists (a session stops its timers and leases). */
  protected closing(): void {}

  /** The single entry point for webview messages, also used by the tests. */
  async receive(raw: unknown): Promise<void> {
    const parsed = this.page.accepts.safeParse(raw);
    if (!parsed.success) {
      // Never echo the content: it may be anything, including pasted secrets.
      this.options.log.warn(`${this.page.logName}: dropped a message that is not part of the protocol.`);
      return;
    }
    try {
      await this.handle(parsed.data);
    } catch (error) {
      this.options.log.error(`${this.page.logName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Resolves to whether the webview received it (false once it is gone). */
  protected send(message: Out): Thenable<boolean> {
    if (this.options.record) this.posted.push(message);
    return this.panel.webview.postMessage(message);
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closing();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.panel.dispose();
    this.closed.fire();
    this.closed.dispose();
  }
}

/** A webview's fixed texts, translated one by one (the l10n extractor reads the tables themselves). */
export function translatedStrings(table: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([key, english]) => [key, vscode.l10n.t(english)]));
}

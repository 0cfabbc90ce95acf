import * as vscode from 'vscode';
import { OutlookSavedSchema } from '../protocol/outlook';
import { PanelRegistry } from '../webviewHost/panelRegistry';
import { OutlookPanel, type OutlookDeps } from './outlookPanel';
import { OUTLOOK_VIEW_TYPE } from './registerOutlookPanel';

/** One outlook panel per window; the command ovhcloud.showRenewalOutlook calls show(). */
export class OutlookPanels implements vscode.Disposable {
  private readonly open = new PanelRegistry<OutlookPanel>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: OutlookDeps,
  ) {}

  get current(): OutlookPanel | undefined {
    return this.open.values()[0];
  }

  show(): OutlookPanel {
    const existing = this.current;
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(OUTLOOK_VIEW_TYPE, vscode.l10n.t('Renewal Outlook'), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
    });
    return this.open.add(new OutlookPanel(panel, this.context.extensionUri, this.deps));
  }

  /** Brings the outlook back after a window reload, on the span, currency and month its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): OutlookPanel | undefined {
    // Restored state comes from the webview: trust it no more than a message.
    const saved = OutlookSavedSchema.safeParse(state);
    if (!saved.success || this.current) {
      this.deps.log.warn('Renewal outlook: could not restore a panel from its saved state; closing it.');
      panel.dispose();
      return undefined;
    }
    return this.open.add(new OutlookPanel(panel, this.context.extensionUri, this.deps, saved.data));
  }

  dispose(): void {
    this.open.dispose();
  }
}

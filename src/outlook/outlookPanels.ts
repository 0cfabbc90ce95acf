import * as vscode from 'vscode';
import { PanelRegistry } from '../webviewHost/panelRegistry';
import { OutlookPanel, type OutlookDeps } from './outlookPanel';

export const OUTLOOK_VIEW_TYPE = 'ovhcloud.renewalOutlook';

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

  dispose(): void {
    this.open.dispose();
  }
}

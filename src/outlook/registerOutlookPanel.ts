import type * as vscode from 'vscode';
import { registerPanelKind } from '../webviewHost/panelKind';
import type { OutlookDeps } from './outlookPanel';
import type { OutlookPanels } from './outlookPanels';

/** The outlook's webview type, also its activation event (onWebviewPanel:ovhcloud.renewalOutlook). */
export const OUTLOOK_VIEW_TYPE = 'ovhcloud.renewalOutlook';

/**
 * The Renewal Outlook's kind: its serializer (the panel restored after a window reload) and
 * its command, Show Renewal Outlook. Returns the registry's getter (for the tests). The
 * panel and its protocol load with dist/features.js on first use.
 */
export function registerOutlookPanel(context: vscode.ExtensionContext, deps: OutlookDeps): () => OutlookPanels {
  return registerPanelKind(context, {
    viewType: OUTLOOK_VIEW_TYPE,
    create: (loaded) => new loaded.OutlookPanels(context, deps),
    entryPoints: (panels) => panels,
    commands: (panels) => ({ 'ovhcloud.showRenewalOutlook': () => void panels().show() }),
  });
}

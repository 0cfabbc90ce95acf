import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The panel's HTML: a strict CSP (nothing but our own bundled script with a fresh
 * nonce, our stylesheet and the codicon font), and every asset through asWebviewUri.
 */
export function renewPanelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  locale: string,
  title: string,
  bundle: 'renewPanel' | 'batchPanel' = 'renewPanel',
): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const escape = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="${escape(locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('media', 'renewPanel.css')}">
${bundle === 'renewPanel' ? '' : `<link rel="stylesheet" href="${asset('media', `${bundle}.css`)}">\n`}
<title>${escape(title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${asset('dist', 'webview', `${bundle}.js`)}"></script>
</body>
</html>`;
}

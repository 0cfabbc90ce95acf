import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  readonly locale: string;
  readonly title: string;
  /** The script in dist/webview/, without its extension: the folder of src/webview/ that holds its main.ts. */
  readonly bundle: string;
  /** Stylesheets in media/, without their extension, in cascade order. */
  readonly styles: readonly string[];
  /** Whether the page shows images of its own (the CSP allows none otherwise). */
  readonly images: boolean;
}

/**
 * The one HTML page every webview of the extension starts from: a strict CSP (nothing
 * but our own bundled script with a fresh nonce, our stylesheets and the codicon font),
 * and every asset through asWebviewUri.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  const csp = [
    "default-src 'none'",
    ...(page.images ? [`img-src ${webview.cspSource}`] : []),
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const escape = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const styles = page.styles.map((name) => `<link rel="stylesheet" href="${asset('media', `${name}.css`)}">\n`).join('');
  return `<!DOCTYPE html>
<html lang="${escape(page.locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}" id="vscode-codicon-stylesheet">
${styles}<title>${escape(page.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${asset('dist', 'webview', `${page.bundle}.js`)}"></script>
</body>
</html>`;
}

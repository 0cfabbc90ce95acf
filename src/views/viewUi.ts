import * as vscode from 'vscode';

/**
 * The few window calls of the Services view that a test cannot observe through VS
 * Code's API (a notification's buttons, a browser opening). The extension uses the
 * real window; integration tests swap in a recorder through the testing API.
 */
export interface ViewUi {
  /** An information message with buttons; resolves to the clicked one. */
  notify(message: string, ...actions: string[]): Thenable<string | undefined>;
  /** A plain information message without buttons. */
  inform(message: string): void;
  /** Opens an https URL in the browser, exactly as written. */
  openExternal(url: string): Thenable<boolean>;
}

export const windowUi: ViewUi = {
  notify: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  inform: (message) => void vscode.window.showInformationMessage(message),
  // A Uri would be re-encoded on the way (the Control Panel's "#/billing/...?searchText="
  // fragment would turn into %2F/%3F and break its router, microsoft/vscode#85930). The
  // extension host also accepts the URL as a string and then forwards it unchanged.
  openExternal: (url) => vscode.env.openExternal(url as unknown as vscode.Uri),
};

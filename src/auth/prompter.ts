import * as vscode from 'vscode';

/**
 * The questions a flow asks the user. The extension uses the real VS Code UI; the
 * integration tests answer through a scripted prompter (Azure's TestUserInput
 * idea), and the E2E tests drive the real UI.
 */
export interface Prompter {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  /** A multi-select quick pick; items with `picked` start checked. Undefined when dismissed. */
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal question; returns the chosen action or undefined when dismissed. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  openExternal(uri: vscode.Uri): Promise<boolean>;
}

export const windowPrompter: Prompter = {
  pick: (items, options) => Promise.resolve(vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options })),
  pickMany: (items, options) => Promise.resolve(vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true })),
  input: (options) => Promise.resolve(vscode.window.showInputBox({ ignoreFocusOut: true, ...options })),
  confirm: (message, detail, ...actions) => Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions)),
  openExternal: (uri) => Promise.resolve(vscode.env.openExternal(uri)),
};

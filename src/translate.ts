/**
 * A translation function with vscode.l10n.t's shape: the English message is the key
 * and {0}-style placeholders take the arguments. Pure code takes one as a parameter;
 * the extension passes vscode.l10n.t, tests and the command line `english`.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Keeps the English message, filling in its placeholders. */
export const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (match, index: string) => String(args[Number(index)] ?? match));

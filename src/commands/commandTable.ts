import * as vscode from 'vscode';

/**
 * A command's handler. VS Code passes what the command ran from: a tree node and the
 * selected nodes (tree menus), one service reference (a link, another feature), or
 * nothing (the palette). Handlers decode their arguments themselves.
 */
export type CommandHandler = (arg?: unknown, selection?: unknown) => unknown;

/** Commands by id, each id as in package.json's contributes.commands. */
export type CommandTable = Readonly<Record<string, CommandHandler>>;

/**
 * Registers a table of commands, disposed with the extension: the one way the extension
 * registers its commands (src/commands/registerCommands.ts, and each panel kind's own
 * through registerPanelKind). VS Code refuses an id registered twice.
 */
export function registerCommandTable(context: vscode.ExtensionContext, commands: CommandTable): void {
  for (const [id, run] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, run));
}

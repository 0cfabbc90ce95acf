import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';

/**
 * Wires the extension together. Activation must stay cheap and must never touch
 * the network: the views fetch lazily when they are first shown.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('OVHcloud Renewals', { log: true });
  context.subscriptions.push(log);
  registerCommands(context, { log });
  log.info(`Activated ${context.extension.id} ${String(context.extension.packageJSON.version)} in VS Code ${vscode.version}`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

import * as vscode from 'vscode';

export interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ovhcloud.showLog', () => deps.log.show(true)),
  );
}

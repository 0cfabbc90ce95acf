import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

/** Writes the workspace's .vscode/settings.json and waits until VS Code has read it (a plain setting shows it). */
export async function writeWorkspaceSettings(settings: Record<string, unknown> | undefined): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has a workspace folder');
  const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
  if (settings) await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(settings)));
  else await vscode.workspace.fs.delete(file);
  const expected = settings?.['editor.tabSize'];
  await waitFor(
    'VS Code to read the workspace settings',
    () => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === expected,
    30_000,
  );
}

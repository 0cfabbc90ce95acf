import * as vscode from 'vscode';
import type { Endpoint } from '../ovh';
import { cleanKey, validateKey } from './inputs';
import type { Prompter } from './prompter';
import { answered, SignInError } from './signInErrors';
import { type SignInMethod, type SignInPath, type SignInStep, stepPosition } from './signInSteps';

/** What every sign-in prompt shares: its numbered title, the custom endpoint's defaults, and the check of a typed key. */

/** The title of a sign-in prompt, numbered among the prompts this path shows. */
export function stepTitle(path: SignInPath, step: SignInStep): string {
  const [number, total] = stepPosition(path, step);
  return vscode.l10n.t('OVHcloud: Sign In ({0}/{1})', number, total);
}

export function pathOf(endpoint: Endpoint, method?: SignInMethod): SignInPath {
  return { custom: endpoint.id === 'custom', createAppUrl: endpoint.createAppUrl !== undefined, method };
}

/** A custom endpoint the user (or the demo) configured, offered as the default answer. */
export function configured(key: 'url' | 'tokenUrl'): string | undefined {
  return vscode.workspace.getConfiguration('ovhcloud.customEndpoint').get<string>(key) || undefined;
}

/**
 * The endpoint settings are application-scoped (package.json): VS Code ignores a value a
 * workspace sets, so that a cloned repository cannot choose where the keys go, and does not
 * even report it (inspect() leaves it out). So the workspace's settings files are read for
 * the key, and the prompt says it is ignored and where to set it instead.
 */
export async function withIgnoredWorkspaceNote(prompt: string, key: 'url' | 'tokenUrl'): Promise<string> {
  const files = (vscode.workspace.workspaceFolders ?? []).map((folder) => vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
  if (vscode.workspace.workspaceFile?.scheme === 'file') files.push(vscode.workspace.workspaceFile);
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      continue; // no such file: nothing set there
    }
    if (text.includes(`"ovhcloud.customEndpoint.${key}"`)) {
      return vscode.l10n.t(
        '{0}. This workspace sets ovhcloud.customEndpoint.{1}, which is ignored: set it in your user settings (Preferences: Open User Settings).',
        prompt,
        key,
      );
    }
  }
  return prompt;
}

/** One key, typed or pasted, checked and cleaned. */
export async function askKey(prompter: Prompter, title: string, what: string, prompt: string, secret: boolean): Promise<string> {
  const value = answered(await prompter.input({ title, prompt, password: secret, ignoreFocusOut: true, validateInput: (input) => validateKey(what, input) }));
  const problem = validateKey(what, value);
  if (problem) throw new SignInError(problem);
  return cleanKey(value);
}

import * as vscode from 'vscode';
import type { CustomEndpointProblem } from '../ovh';

const MAX_INPUT_LENGTH = 256;

/** Users paste keys with spaces, newlines or quotes around them: forgive that. */
export function cleanKey(value: string): string {
  return value
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .trim();
}

/** Returns an error message for a key-like input, or undefined when it looks right. */
export function validateKey(what: string, value: string): string | undefined {
  const key = cleanKey(value);
  if (key === '') return vscode.l10n.t('Enter the {0}.', what);
  if (key.length > MAX_INPUT_LENGTH) return vscode.l10n.t('The {0} is too long ({1} characters); check what was pasted.', what, key.length);
  if (/\s/.test(key)) return vscode.l10n.t('The {0} contains spaces; paste only the key itself.', what);
  if (!/^[A-Za-z0-9_.~-]+$/.test(key)) return vscode.l10n.t('The {0} contains characters OVHcloud keys never have; check what was pasted.', what);
  if (key.length < 8) return vscode.l10n.t('The {0} is too short; OVHcloud keys are at least 8 characters.', what);
  return undefined;
}

export function describeEndpointProblem(problem: CustomEndpointProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter the API base URL, for example https://eu.api.ovh.com/1.0');
    case 'notUrl':
      return vscode.l10n.t('This is not a URL. Start with https://, for example https://eu.api.ovh.com/1.0');
    case 'notHttps':
      return vscode.l10n.t('Use an https:// URL: credentials and payments never travel unencrypted.');
    case 'hasCredentials':
      return vscode.l10n.t('Remove the user name and password from the URL.');
    case 'hasQuery':
      return vscode.l10n.t('Remove the query string or fragment from the URL.');
    case 'badPath':
      return vscode.l10n.t('The path of the URL is not valid; it is usually /1.0');
  }
}

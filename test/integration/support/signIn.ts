import * as vscode from 'vscode';
import type { AccountMeta } from '../../../src/auth/accountTypes';
import type { SignInResult } from '../../../src/auth/signInDeps';
import type { TestingApi } from '../../../src/testing';
import { sandbox } from './sandbox';
import { ScriptedPrompter, type Answer } from './scriptedPrompter';

export const CUSTOM = 'Custom API URL…';
export const CREATE = 'Application key and secret: create a consumer key for me';
export const EXISTING = 'I already have a consumer key';
export const OAUTH2 = 'OAuth2 service account';

/** Runs the real "OVHcloud: Sign In" command with scripted answers. */
export async function runSignIn(testing: TestingApi, prompter: ScriptedPrompter): Promise<SignInResult> {
  testing.setPrompter(prompter);
  try {
    return (await vscode.commands.executeCommand('ovhcloud.signIn')) as SignInResult;
  } finally {
    testing.setPrompter(undefined);
  }
}

export function existingKeyAnswers(url = sandbox().url, consumerKey = sandbox().consumerKey, secret = sandbox().applicationSecret): Answer[] {
  return [{ pick: CUSTOM }, { input: url }, { pick: EXISTING }, { input: sandbox().applicationKey }, { input: secret }, { input: consumerKey }];
}

/** Signs in to the sandbox with its ready consumer key; `url` lets a test add a second account. */
export async function signInToSandbox(testing: TestingApi, url = sandbox().url): Promise<AccountMeta> {
  const result = await runSignIn(testing, new ScriptedPrompter(existingKeyAnswers(url)));
  if (result.status !== 'signedIn') throw new Error(`sign-in failed: ${JSON.stringify(result)}`);
  return result.account;
}

export async function signOutEverything(testing: TestingApi): Promise<void> {
  for (const meta of testing.accounts.list()) await testing.accounts.store.remove(meta.id);
}

import type * as vscode from 'vscode';
import type { ApiFactory } from '../apiFactory';
import type { AccountStore } from './accountStore';
import type { AccountMeta } from './accountTypes';
import type { Prompter } from './prompter';
import type { ValidationWaiter } from './validationWait';

/** What the sign-in flow is given, and how it ends. */

export interface SignInDeps {
  readonly store: AccountStore;
  readonly createApi: ApiFactory;
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
  /** Resolves the wait for validation early when OVH redirects back to VS Code. */
  readonly validationWaiter: ValidationWaiter;
  readonly redirectionUri?: () => Promise<string | undefined>;
  readonly pollIntervalMs?: number;
}

export type SignInResult =
  { readonly status: 'signedIn'; readonly account: AccountMeta } | { readonly status: 'cancelled' } | { readonly status: 'failed'; readonly message: string };

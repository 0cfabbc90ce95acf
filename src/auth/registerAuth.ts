import * as vscode from 'vscode';
import type { ApiFactory } from '../apiFactory';
import { features } from '../loadFeatures';
import type { AccountService } from './accountService';
import { OvhAuthenticationProvider, AUTH_PROVIDER_ID } from './authProvider';
import type { Prompter } from './prompter';
import type { SignInResult } from './signInDeps';
import { ValidationWaiter } from './validationWait';

export interface AuthDeps {
  readonly accounts: AccountService;
  readonly createApi: ApiFactory;
  readonly log: vscode.LogOutputChannel;
  /** The prompter in use; tests swap it. */
  readonly prompter: () => Prompter;
  readonly pollIntervalMs?: () => number | undefined;
}

/** Redirects OVH's validation page back to VS Code when the URL is one OVH can redirect to. */
async function redirectionUri(extensionId: string): Promise<string | undefined> {
  const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}/signed-in`);
  const external = await vscode.env.asExternalUri(callback);
  return external.scheme === 'https' || external.scheme === 'http' ? external.toString(true) : undefined;
}

/** The entry points of the Sign In and Sign Out commands (registered in src/commands/registerCommands.ts). */
export interface AuthCommands {
  signIn(): Promise<SignInResult>;
  signOut(accountId?: string): Promise<void>;
}

/** The authentication provider and the sign-in redirect; the flows themselves load on first use. */
export function registerAuth(context: vscode.ExtensionContext, deps: AuthDeps): AuthCommands {
  const waiter = new ValidationWaiter();
  let signInRunning: Promise<SignInResult> | undefined;

  // One sign-in at a time: a second click joins the first flow.
  const runSignIn = (): Promise<SignInResult> => {
    signInRunning ??= (async () => {
      const result = await features().signIn({
        store: deps.accounts.store,
        createApi: deps.createApi,
        prompter: deps.prompter(),
        log: deps.log,
        validationWaiter: waiter,
        redirectionUri: () => redirectionUri(context.extension.id),
        pollIntervalMs: deps.pollIntervalMs?.(),
      });
      if (result.status === 'failed') void vscode.window.showErrorMessage(result.message);
      if (result.status === 'signedIn') void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to OVHcloud as {0}.', result.account.label));
      return result;
    })().finally(() => (signInRunning = undefined));
    return signInRunning;
  };
  const runSignOut = async (accountId?: string): Promise<void> => {
    await features().signOut({ accounts: deps.accounts, prompter: deps.prompter(), log: deps.log }, accountId);
  };

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'ovhcloud.signedIn', deps.accounts.list().length > 0);
  };
  updateContext();

  const provider = new OvhAuthenticationProvider(
    deps.accounts,
    async () => {
      const result = await runSignIn();
      return result.status === 'signedIn' ? result.account.id : undefined;
    },
    (id) => runSignOut(id),
  );
  context.subscriptions.push(
    waiter,
    provider,
    deps.accounts.onDidChange(updateContext),
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'OVHcloud', provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        if (uri.path === '/signed-in') waiter.notifyRedirect();
      },
    }),
  );
  return { signIn: runSignIn, signOut: runSignOut };
}

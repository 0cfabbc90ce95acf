import * as vscode from 'vscode';
import type { Credentials, Endpoint } from '../ovh';
import { requestAndValidate } from './consumerKeyRequest';
import { cleanKey } from './inputs';
import { answered } from './signInErrors';
import type { SignInDeps } from './signInDeps';
import { askKey, configured, pathOf, stepTitle, withIgnoredWorkspaceNote } from './signInPrompts';
import type { SignInMethod, SignInStep } from './signInSteps';

/** The credentials of the chosen method: an OAuth2 service account's client id and secret, or an application key with its consumer key. */

export interface Collected {
  readonly credentials: Credentials;
  readonly created: boolean;
  /** With the OAuth2 token URL filled in for custom endpoints. */
  readonly endpoint: Endpoint;
}

export async function collectCredentials(deps: SignInDeps, endpoint: Endpoint, method: SignInMethod): Promise<Collected> {
  const path = pathOf(endpoint, method);
  const step = (name: SignInStep): string => stepTitle(path, name);
  return method === 'oauth2' ? collectOAuth2(deps, endpoint, step) : collectAppKey(deps, endpoint, method, step);
}

/** OAuth2: the token URL (custom endpoints only), then the service account's client id and secret. */
async function collectOAuth2(deps: SignInDeps, endpoint: Endpoint, step: (name: SignInStep) => string): Promise<Collected> {
  const { prompter } = deps;
  let tokenEndpoint = endpoint;
  if (endpoint.id === 'custom') {
    const tokenUrl = answered(
      await prompter.input({
        title: step('tokenUrl'),
        prompt: await withIgnoredWorkspaceNote(vscode.l10n.t('OAuth2 token URL of this endpoint (the part before oauth2/token)'), 'tokenUrl'),
        placeHolder: 'https://www.ovh.com/auth/',
        value: configured('tokenUrl'),
        validateInput: (value) => (/^https:\/\/\S+$/.test(cleanKey(value)) ? undefined : vscode.l10n.t('Enter an https:// URL.')),
      }),
    );
    tokenEndpoint = { ...endpoint, tokenUrl: cleanKey(tokenUrl) };
  }
  const clientId = await askKey(prompter, step('clientId'), vscode.l10n.t('client id'), vscode.l10n.t('Service account client id'), false);
  const clientSecret = await askKey(prompter, step('clientSecret'), vscode.l10n.t('client secret'), vscode.l10n.t('Service account client secret'), true);
  return { credentials: { kind: 'oauth2', clientId, clientSecret }, created: false, endpoint: tokenEndpoint };
}

/** Application key and secret (with a link to create an application, where the endpoint has one), then the consumer key typed or requested. */
async function collectAppKey(
  deps: SignInDeps,
  endpoint: Endpoint,
  method: Exclude<SignInMethod, 'oauth2'>,
  step: (name: SignInStep) => string,
): Promise<Collected> {
  const { prompter } = deps;
  if (method === 'createConsumerKey' && endpoint.createAppUrl) {
    const open = vscode.l10n.t('Create an application');
    const have = vscode.l10n.t('I have an application key');
    const choice = answered(
      await prompter.pick([{ label: have }, { label: open, description: endpoint.createAppUrl }], {
        title: step('application'),
        placeHolder: vscode.l10n.t('You need an OVHcloud application (key and secret) first'),
      }),
    );
    if (choice.label === open) await prompter.openExternal(vscode.Uri.parse(endpoint.createAppUrl));
  }
  const applicationKey = await askKey(prompter, step('applicationKey'), vscode.l10n.t('application key'), vscode.l10n.t('Application key'), false);
  const applicationSecret = await askKey(prompter, step('applicationSecret'), vscode.l10n.t('application secret'), vscode.l10n.t('Application secret'), true);
  if (method === 'existingConsumerKey') {
    const consumerKey = await askKey(prompter, step('consumerKey'), vscode.l10n.t('consumer key'), vscode.l10n.t('Consumer key'), true);
    return { credentials: { kind: 'appKey', applicationKey, applicationSecret, consumerKey }, created: false, endpoint };
  }
  const consumerKey = await requestAndValidate(deps, endpoint, { kind: 'appKey', applicationKey, applicationSecret });
  return { credentials: { kind: 'appKey', applicationKey, applicationSecret, consumerKey }, created: true, endpoint };
}

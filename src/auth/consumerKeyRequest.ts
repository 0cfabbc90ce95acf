import * as vscode from 'vscode';
import type { AppKeyCredentials, Endpoint } from '../ovh';
import { Cancelled, credentialProblem, SignInError } from './signInErrors';
import type { SignInDeps } from './signInDeps';
import { waitForValidation } from './validationWait';

/** Flow (a): ask OVH for a consumer key with our access rules and wait until the user approves it. */
export async function requestAndValidate(deps: SignInDeps, endpoint: Endpoint, application: AppKeyCredentials): Promise<string> {
  const api = deps.createApi(endpoint, application);
  let request;
  try {
    request = await api.requestCredential(await deps.redirectionUri?.());
  } catch (error) {
    throw new SignInError(credentialProblem(error, 'application'), { cause: error });
  } finally {
    api.dispose();
  }
  const validationUrl = vscode.Uri.parse(request.validationUrl, true);
  if (validationUrl.scheme !== 'https') throw new SignInError(vscode.l10n.t('OVHcloud returned a validation address that is not https; sign-in stopped.'));
  await deps.prompter.openExternal(validationUrl);
  const pending = deps.createApi(endpoint, { ...application, consumerKey: request.consumerKey });
  try {
    const outcome = await waitForValidation(pending, deps.validationWaiter, deps.pollIntervalMs ?? 2000);
    if (outcome === 'cancelled') throw new Cancelled();
    if (outcome === 'refused') throw new SignInError(vscode.l10n.t('The access request was refused on the OVHcloud page. Nothing was stored.'));
    if (outcome === 'expired') throw new SignInError(vscode.l10n.t('The access request expired before it was approved. Sign in again to start over.'));
    return request.consumerKey;
  } finally {
    pending.dispose();
  }
}

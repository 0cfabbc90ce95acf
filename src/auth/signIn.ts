import { endpointBaseUrl, type Credentials, type Endpoint, type Me, type OvhApi } from '../ovh';
import type { AccountMeta } from './accountTypes';
import { collectCredentials } from './collectCredentials';
import { pickEndpoint, pickMethod } from './endpointAndMethod';
import { SecretStorageUnavailableError } from './secretStore';
import type { SignInDeps, SignInResult } from './signInDeps';
import { Cancelled, credentialProblem, describe, secretStorageMessage, SignInError } from './signInErrors';

export type { SignInMethod } from './signInSteps';

/**
 * The guided sign-in: endpoint, method, keys, a real GET /me, and only then the
 * save. Nothing is stored before OVH has accepted the credentials.
 */
export async function signIn(deps: SignInDeps): Promise<SignInResult> {
  try {
    const pickedEndpoint = await pickEndpoint(deps.prompter);
    const method = await pickMethod(deps.prompter, pickedEndpoint);
    const { credentials, created, endpoint } = await collectCredentials(deps, pickedEndpoint, method);
    const me = await verify(deps, endpoint, credentials);
    const meta: AccountMeta = {
      id: globalThis.crypto.randomUUID(),
      endpointId: endpoint.id,
      customUrl: endpoint.id === 'custom' ? endpointBaseUrl(endpoint) : undefined,
      customTokenUrl: endpoint.id === 'custom' ? endpoint.tokenUrl : undefined,
      nichandle: me.nichandle,
      label: `${me.nichandle} (${endpoint.shortLabel})`,
      method: credentials.kind,
      createdConsumerKey: created,
      addedAt: new Date().toISOString(),
    };
    const saved = await deps.store.save(meta, credentials);
    deps.log.info(`Signed in as ${saved.label} with ${method}.`);
    return { status: 'signedIn', account: saved };
  } catch (error) {
    if (error instanceof Cancelled) {
      deps.log.info('Sign-in cancelled; nothing was stored.');
      return { status: 'cancelled' };
    }
    const message = error instanceof SignInError ? error.message : error instanceof SecretStorageUnavailableError ? secretStorageMessage() : describe(error);
    // OvhApiError messages hold the method, path, status and OVH's answer: never a credential.
    deps.log.warn(`Sign-in failed: ${message}${error instanceof SignInError && error.cause instanceof Error ? ` (${error.cause.message})` : ''}`);
    return { status: 'failed', message };
  }
}

async function verify(deps: SignInDeps, endpoint: Endpoint, credentials: Credentials): Promise<Me> {
  const api: OvhApi = deps.createApi(endpoint, credentials);
  try {
    return await api.me();
  } catch (error) {
    throw new SignInError(credentialProblem(error, credentials.kind === 'oauth2' ? 'oauth2' : 'full'), { cause: error });
  } finally {
    api.dispose();
  }
}

import * as vscode from 'vscode';
import {
  describeError,
  endpointBaseUrl,
  endpointLabel,
  isOvhApiError,
  KNOWN_ENDPOINT_IDS,
  knownEndpoint,
  parseCustomEndpoint,
  type AppKeyCredentials,
  type Credentials,
  type Endpoint,
  type EndpointId,
  type Me,
  type OvhApi,
  type OvhApiError,
} from '../ovh';
import type { AccountMeta } from './accountTypes';
import type { ApiFactory } from '../apiFactory';
import type { AccountStore } from './accountStore';
import { cleanKey, describeEndpointProblem, validateKey } from './inputs';
import type { Prompter } from './prompter';
import { SecretStorageUnavailableError } from './secretStore';
import { type SignInMethod, type SignInPath, type SignInStep, stepPosition } from './signInSteps';
import { waitForValidation, type ValidationWaiter } from './validationWait';

export type { SignInMethod } from './signInSteps';

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

class Cancelled extends Error {}

/** A custom endpoint the user (or the demo) configured, offered as the default answer. */
function configured(key: 'url' | 'tokenUrl'): string | undefined {
  return vscode.workspace.getConfiguration('ovhcloud.customEndpoint').get<string>(key) || undefined;
}

/**
 * The endpoint settings are application-scoped (package.json): VS Code ignores a value a
 * workspace sets, so that a cloned repository cannot choose where the keys go, and does not
 * even report it (inspect() leaves it out). So the workspace's settings files are read for
 * the key, and the prompt says it is ignored and where to set it instead.
 */
async function withIgnoredWorkspaceNote(prompt: string, key: 'url' | 'tokenUrl'): Promise<string> {
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

const answered = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Cancelled();
  return value;
};

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

export function secretStorageMessage(): string {
  return vscode.l10n.t(
    'VS Code could not store your OVHcloud credentials in the system keyring, so nothing was saved. On Linux, install and unlock a keyring (for example gnome-keyring or KWallet), or start VS Code with --password-store=basic, then sign in again.',
  );
}

class SignInError extends Error {}

/** The title of a sign-in prompt, numbered among the prompts this path shows. */
function stepTitle(path: SignInPath, step: SignInStep): string {
  const [number, total] = stepPosition(path, step);
  return vscode.l10n.t('OVHcloud: Sign In ({0}/{1})', number, total);
}

function describe(error: unknown): string {
  const description = describeError(error, vscode.l10n.t);
  return [description.explanation, description.nextStep, description.details ? `(${description.details})` : undefined].filter(Boolean).join(' ');
}

async function pickEndpoint(prompter: Prompter): Promise<Endpoint> {
  type Item = vscode.QuickPickItem & { id: EndpointId };
  const items: Item[] = [
    ...KNOWN_ENDPOINT_IDS.map((id): Item => ({ id, label: endpointLabel(id), description: knownEndpoint(id).host })),
    { id: 'custom', label: vscode.l10n.t('Custom API URL…'), description: vscode.l10n.t('a sandbox or a corporate gateway') },
  ];
  const picked = answered(await prompter.pick(items, { title: stepTitle({}, 'endpoint'), placeHolder: vscode.l10n.t('Where is your account?') }));
  if (picked.id !== 'custom') return knownEndpoint(picked.id);
  const url = answered(
    await prompter.input({
      title: stepTitle({ custom: true }, 'customUrl'),
      prompt: await withIgnoredWorkspaceNote(vscode.l10n.t('API base URL'), 'url'),
      placeHolder: 'https://eu.api.ovh.com/1.0',
      value: configured('url'),
      validateInput: (value) => {
        const result = parseCustomEndpoint(value);
        return result.ok ? undefined : describeEndpointProblem(result.problem);
      },
    }),
  );
  const parsed = parseCustomEndpoint(url);
  if (!parsed.ok) throw new SignInError(describeEndpointProblem(parsed.problem));
  return parsed.endpoint;
}

function pathOf(endpoint: Endpoint, method?: SignInMethod): SignInPath {
  return { custom: endpoint.id === 'custom', createAppUrl: endpoint.createAppUrl !== undefined, method };
}

async function pickMethod(prompter: Prompter, endpoint: Endpoint): Promise<SignInMethod> {
  type Item = vscode.QuickPickItem & { method: SignInMethod };
  const items: Item[] = [
    {
      method: 'createConsumerKey',
      label: vscode.l10n.t('Application key and secret: create a consumer key for me'),
      detail: vscode.l10n.t('Recommended. You approve exactly the access this extension needs on OVHcloud’s page.'),
    },
    {
      method: 'existingConsumerKey',
      label: vscode.l10n.t('I already have a consumer key'),
      detail: vscode.l10n.t('Application key, application secret and consumer key.'),
    },
  ];
  if (endpoint.tokenUrl !== undefined || endpoint.id === 'custom') {
    items.push({
      method: 'oauth2',
      label: vscode.l10n.t('OAuth2 service account'),
      detail: vscode.l10n.t('Client id and client secret (OVHcloud Europe, Canada and US).'),
    });
  }
  return answered(await prompter.pick(items, { title: stepTitle(pathOf(endpoint), 'method'), placeHolder: vscode.l10n.t('How do you want to sign in?') }))
    .method;
}

async function askKey(prompter: Prompter, title: string, what: string, prompt: string, secret: boolean): Promise<string> {
  const value = answered(await prompter.input({ title, prompt, password: secret, ignoreFocusOut: true, validateInput: (input) => validateKey(what, input) }));
  const problem = validateKey(what, value);
  if (problem) throw new SignInError(problem);
  return cleanKey(value);
}

interface Collected {
  readonly credentials: Credentials;
  readonly created: boolean;
  /** With the OAuth2 token URL filled in for custom endpoints. */
  readonly endpoint: Endpoint;
}

async function collectCredentials(deps: SignInDeps, endpoint: Endpoint, method: SignInMethod): Promise<Collected> {
  const path = pathOf(endpoint, method);
  const step = (name: SignInStep): string => stepTitle(path, name);
  const { prompter } = deps;
  if (method === 'oauth2') {
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

/** Flow (a): ask OVH for a consumer key with our access rules and wait until the user approves it. */
async function requestAndValidate(deps: SignInDeps, endpoint: Endpoint, application: AppKeyCredentials): Promise<string> {
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

/** Which value is wrong, in the user's words, from how OVH refused it. */
function credentialProblem(error: unknown, stage: 'application' | 'full' | 'oauth2'): string {
  if (!isOvhApiError(error)) return describe(error);
  const e: OvhApiError = error;
  if (stage === 'oauth2' && e.kind === 'oauth2') {
    return vscode.l10n.t(
      'OVHcloud did not accept this client id and client secret. Check both values (they come from the service account you created), then try again.',
    );
  }
  if (e.errorCode === 'INVALID_KEY' || (e.kind === 'invalidCredential' && /application/i.test(e.serverMessage ?? ''))) {
    return vscode.l10n.t('OVHcloud does not know this application key. Check the application key, and that it was created on the same endpoint you picked.');
  }
  if (e.kind === 'invalidSignature') {
    return vscode.l10n.t('The application secret does not match the application key. Check the application secret, then try again.');
  }
  if (e.kind === 'invalidCredential') {
    return vscode.l10n.t(
      'OVHcloud does not accept this consumer key: it is unknown, expired, revoked or not validated yet. Check the consumer key, or choose "create a consumer key for me".',
    );
  }
  if (e.kind === 'notGranted') {
    return vscode.l10n.t('This consumer key is valid but may not read your account (GET /me). Create a new key with "create a consumer key for me".');
  }
  return describe(e);
}

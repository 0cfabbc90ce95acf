import * as vscode from 'vscode';
import { endpointLabel, KNOWN_ENDPOINT_IDS, knownEndpoint, parseCustomEndpoint, type Endpoint, type EndpointId } from '../ovh';
import { describeEndpointProblem } from './inputs';
import type { Prompter } from './prompter';
import { answered, SignInError } from './signInErrors';
import { configured, pathOf, stepTitle, withIgnoredWorkspaceNote } from './signInPrompts';
import type { SignInMethod } from './signInSteps';

/** The sign-in's first two questions: where the account is (a known endpoint or a custom URL), and how to sign in there. */

export async function pickEndpoint(prompter: Prompter): Promise<Endpoint> {
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

export async function pickMethod(prompter: Prompter, endpoint: Endpoint): Promise<SignInMethod> {
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

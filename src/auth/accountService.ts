import * as vscode from 'vscode';
import type { ApiFactory } from '../apiFactory';
import { knownEndpoint, parseCustomEndpoint, type Endpoint, type OvhApi, type OvhApiError } from '../ovh';
import type { AccountMeta } from './accountTypes';
import type { AccountStore } from './accountStore';

/** The endpoint an account talks to; undefined if its stored custom URL no longer parses. */
export function endpointOf(meta: Pick<AccountMeta, 'endpointId' | 'customUrl' | 'customTokenUrl'>): Endpoint | undefined {
  if (meta.endpointId !== 'custom') return knownEndpoint(meta.endpointId);
  const parsed = parseCustomEndpoint(meta.customUrl ?? '', meta.customTokenUrl);
  return parsed.ok ? parsed.endpoint : undefined;
}

/**
 * Hands out one API client per signed-in account and remembers which accounts
 * need a new sign-in (credentials revoked or expired), so the views can show a
 * "Sign in again" node instead of repeating failing calls.
 */
export class AccountService implements vscode.Disposable {
  private readonly clients = new Map<string, OvhApi>();
  private readonly needsSignIn = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when accounts are added or removed, or one needs a new sign-in. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly store: AccountStore,
    private readonly createApi: ApiFactory,
  ) {
    const storeChanged = store.onDidChange((accountId) => {
      const ids = new Set(store.list().map((meta) => meta.id));
      for (const [id, client] of this.clients) {
        if (!ids.has(id)) {
          client.dispose();
          this.clients.delete(id);
        }
      }
      // New credentials for this account (a new sign-in, here or in another window):
      // start over with a fresh client. Other accounts keep their state.
      this.forget(accountId);
      this.needsSignIn.delete(accountId);
      this.changed.fire();
    });
    // Clients read the timeout when they are created: start fresh ones after a change.
    const settingsChanged = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('ovhcloud.requestTimeoutSeconds')) this.resetClients();
    });
    this.subscriptions = [storeChanged, settingsChanged];
  }

  resetClients(): void {
    for (const client of this.clients.values()) client.dispose();
    this.clients.clear();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.resetClients();
    this.changed.dispose();
  }

  list(): AccountMeta[] {
    return this.store.list();
  }

  isSignInNeeded(accountId: string): boolean {
    return this.needsSignIn.has(accountId);
  }

  /** The API client of an account; undefined when its credentials are gone. */
  async api(accountId: string): Promise<OvhApi | undefined> {
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const account = await this.store.load(accountId);
    if (!account) return undefined;
    const endpoint = endpointOf(account.meta);
    if (!endpoint) return undefined;
    const client = this.createApi(endpoint, account.credentials);
    this.clients.set(accountId, client);
    return client;
  }

  /** Called by anyone whose call failed: credential failures flag the account once. */
  reportFailure(accountId: string, error: OvhApiError): void {
    const credentialProblem = error.kind === 'invalidCredential' || error.kind === 'unauthorized' || (error.kind === 'oauth2' && (error.status ?? 0) < 500);
    if (!credentialProblem || this.needsSignIn.has(accountId)) return;
    this.needsSignIn.add(accountId);
    this.forget(accountId);
    this.changed.fire();
  }

  private forget(accountId: string): void {
    this.clients.get(accountId)?.dispose();
    this.clients.delete(accountId);
  }
}

import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Credentials } from '../ovh';
import { decodeAccountMeta, decodeStoredCredentials, type Account, type AccountMeta } from './accountTypes';
import type { SecretStore } from './secretStore';

const ACCOUNTS_KEY = 'ovhcloud.accounts';
const SECRET_PREFIX = 'ovhcloud.account.';
const SECRET_SUFFIX = '.credentials';
const secretKey = (accountId: string): string => `${SECRET_PREFIX}${accountId}${SECRET_SUFFIX}`;
const accountIdOf = (key: string): string | undefined =>
  key.startsWith(SECRET_PREFIX) && key.endsWith(SECRET_SUFFIX) ? key.slice(SECRET_PREFIX.length, -SECRET_SUFFIX.length) : undefined;

/** Compares secrets without keeping a second copy of them. */
const digestOf = (secret: string | undefined): string => (secret ? createHash('sha256').update(secret).digest('hex') : '');

/**
 * Accounts: metadata in globalState, credentials in SecretStorage only, one secret
 * per account under "ovhcloud.account.<id>.credentials". The secret is written
 * first and the metadata last, so a failed write never leaves an account that
 * looks signed in without credentials, nor credentials in plain storage.
 */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the id of the account whose credentials or metadata changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /**
   * A digest of each account's secret as this window last wrote or read it ('' when
   * absent). SecretStorage reports our own writes back as change events, late and in
   * no fixed order: only a secret that differs from what we know is a real change.
   */
  private readonly known = new Map<string, string>();
  /**
   * This window's own sign-ins and sign-outs, applied over what globalState reads. The
   * extension host rewrites globalState from the workbench's copy whenever that copy
   * changes, and that copy can lag our last write: a just-removed account would come back
   * for a moment (and a new sign-in would even reuse its id). Another window's sign-out
   * reaches us as a deleted secret and ends our entry (see secretChanged).
   */
  private readonly savedHere = new Map<string, AccountMeta>();
  private readonly removedHere = new Set<string>();

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly secrets: SecretStore,
  ) {
    // Another window signed in or out: its secret change reaches us here.
    this.subscription = secrets.onDidChange((event) => {
      const accountId = accountIdOf(event.key);
      if (accountId !== undefined) void this.secretChanged(accountId);
    });
  }

  private async secretChanged(accountId: string): Promise<void> {
    const raw = await this.secrets.get(secretKey(accountId)).catch(() => undefined);
    const digest = digestOf(raw);
    // The echo of our own write (or another window writing the same credentials).
    if (this.known.get(accountId) === digest) return;
    this.known.set(accountId, digest);
    // Signed out or in again elsewhere: globalState says what that window wrote.
    this.savedHere.delete(accountId);
    if (digest === '') this.removedHere.add(accountId);
    else this.removedHere.delete(accountId);
    this.changed.fire(accountId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  list(): AccountMeta[] {
    const stored = this.globalState.get<unknown[]>(ACCOUNTS_KEY, []);
    const byId = new Map<string, AccountMeta>();
    for (const entry of Array.isArray(stored) ? stored : []) {
      const meta = decodeAccountMeta(entry);
      if (meta) byId.set(meta.id, meta);
    }
    for (const [id, meta] of this.savedHere) byId.set(id, meta);
    for (const id of this.removedHere) byId.delete(id);
    return [...byId.values()];
  }

  find(accountId: string): AccountMeta | undefined {
    return this.list().find((meta) => meta.id === accountId);
  }

  /** The account with its credentials, or undefined when its secret is gone. */
  async load(accountId: string): Promise<Account | undefined> {
    const meta = this.find(accountId);
    if (!meta) return undefined;
    const raw = await this.secrets.get(secretKey(accountId));
    this.known.set(accountId, digestOf(raw));
    if (!raw) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const credentials = decodeStoredCredentials(json);
    return credentials ? { meta, credentials } : undefined;
  }

  /** Adds an account, or replaces the one with the same endpoint, nichandle and method. */
  async save(meta: AccountMeta, credentials: Credentials): Promise<AccountMeta> {
    const existing = this.list().find(
      (other) =>
        other.endpointId === meta.endpointId && other.customUrl === meta.customUrl && other.nichandle === meta.nichandle && other.method === meta.method,
    );
    const saved: AccountMeta = existing ? { ...meta, id: existing.id } : meta;
    const secret = JSON.stringify(credentials);
    // Known before the write, so its echo is never taken for another window's sign-in.
    this.known.set(saved.id, digestOf(secret));
    await this.secrets.store(secretKey(saved.id), secret);
    const accounts = [...this.list().filter((other) => other.id !== saved.id), saved];
    this.removedHere.delete(saved.id);
    this.savedHere.set(saved.id, saved);
    try {
      await this.globalState.update(ACCOUNTS_KEY, accounts);
    } catch (error) {
      this.savedHere.delete(saved.id);
      await this.secrets.delete(secretKey(saved.id)).catch(() => undefined);
      this.known.delete(saved.id);
      throw error;
    }
    this.changed.fire(saved.id);
    return saved;
  }

  async remove(accountId: string): Promise<void> {
    this.known.set(accountId, digestOf(undefined));
    await this.secrets.delete(secretKey(accountId));
    this.savedHere.delete(accountId);
    this.removedHere.add(accountId);
    await this.globalState.update(ACCOUNTS_KEY, this.list());
    this.changed.fire(accountId);
  }

  /** The SecretStorage key of an account, for tests that read secrets back. */
  static secretKeyOf(accountId: string): string {
    return secretKey(accountId);
  }
}

import type * as vscode from 'vscode';

/**
 * SecretStorage fails on Linux desktops without a keyring (no org.freedesktop.secrets).
 * We surface that as one typed error with an actionable message and never fall
 * back to plain storage.
 */
/** Thrown by the store (dist/extension.js), caught by sign-in (dist/features.js): see OvhApiError. */
const SECRET_STORAGE_UNAVAILABLE = Symbol.for('ovhcloud-renewals.SecretStorageUnavailableError');

export class SecretStorageUnavailableError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [SECRET_STORAGE_UNAVAILABLE]?: unknown })[SECRET_STORAGE_UNAVAILABLE] === true;
  }

  constructor(
    readonly operation: 'read' | 'write' | 'delete',
    cause: unknown,
  ) {
    super(`SecretStorage ${operation} failed`, { cause });
    this.name = 'SecretStorageUnavailableError';
    Object.defineProperty(this, SECRET_STORAGE_UNAVAILABLE, { value: true });
  }
}

export class SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch (cause) {
      throw new SecretStorageUnavailableError('read', cause);
    }
  }

  async store(key: string, value: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (cause) {
      throw new SecretStorageUnavailableError('write', cause);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch (cause) {
      throw new SecretStorageUnavailableError('delete', cause);
    }
  }

  get onDidChange(): vscode.Event<vscode.SecretStorageChangeEvent> {
    return this.secrets.onDidChange;
  }
}

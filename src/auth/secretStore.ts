import type * as vscode from 'vscode';

/**
 * SecretStorage fails on Linux desktops without a keyring (no org.freedesktop.secrets).
 * We surface that as one typed error with an actionable message and never fall
 * back to plain storage.
 */
export class SecretStorageUnavailableError extends Error {
  constructor(readonly operation: 'read' | 'write' | 'delete', cause: unknown) {
    super(`SecretStorage ${operation} failed`, { cause });
    this.name = 'SecretStorageUnavailableError';
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

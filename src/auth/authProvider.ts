import * as vscode from 'vscode';
import type { AccountService } from './accountService';

export const AUTH_PROVIDER_ID = 'ovhcloud';

/**
 * Makes signed-in OVHcloud accounts visible in VS Code's Accounts menu, with
 * sign-out from there. Sessions carry no secret: other extensions can read
 * sessions, so `accessToken` is only the local account id.
 */
export class OvhAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: vscode.AuthenticationSession[];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly accounts: AccountService,
    private readonly runSignIn: () => Promise<string | undefined>,
    private readonly runSignOut: (accountId: string) => Promise<void>,
  ) {
    this.known = this.sessions();
    this.subscription = accounts.onDidChange(() => {
      const next = this.sessions();
      const before = new Set(this.known.map((session) => session.id));
      const after = new Set(next.map((session) => session.id));
      const added = next.filter((session) => !before.has(session.id));
      const removed = this.known.filter((session) => !after.has(session.id));
      this.known = next;
      if (added.length > 0 || removed.length > 0) this.changed.fire({ added, removed, changed: [] });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  getSessions(): Promise<vscode.AuthenticationSession[]> {
    return Promise.resolve(this.sessions());
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const accountId = await this.runSignIn();
    const session = this.sessions().find((candidate) => candidate.id === accountId);
    if (!session) throw new Error(vscode.l10n.t('Sign-in to OVHcloud did not complete.'));
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.runSignOut(sessionId);
  }

  private sessions(): vscode.AuthenticationSession[] {
    return this.accounts.list().map((meta) => ({ id: meta.id, accessToken: meta.id, account: { id: meta.id, label: meta.label }, scopes: [] }));
  }
}

import * as vscode from 'vscode';
import { isOvhApiError, isRefusedCredential, type OvhApi } from '../ovh';

/**
 * Lets the UriHandler end the wait as soon as OVH redirects back to VS Code after
 * the user approved the key; polling alone would also get there, a little later.
 */
export class ValidationWaiter implements vscode.Disposable {
  private readonly redirected = new vscode.EventEmitter<void>();
  readonly onDidRedirect = this.redirected.event;

  notifyRedirect(): void {
    this.redirected.fire();
  }

  dispose(): void {
    this.redirected.dispose();
  }
}

export type ValidationOutcome = 'validated' | 'refused' | 'expired' | 'cancelled';

/** Polls GET /auth/currentCredential under a cancellable notification until OVH decides. */
export function waitForValidation(api: OvhApi, waiter: ValidationWaiter, pollIntervalMs: number, maxWaitMs = 15 * 60 * 1000): Promise<ValidationOutcome> {
  return Promise.resolve(
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Waiting for you to approve the access request on the OVHcloud page in your browser…'),
        cancellable: true,
      },
      async (_progress, token) => {
        const deadline = Date.now() + maxWaitMs;
        while (!token.isCancellationRequested && Date.now() < deadline) {
          const status = await currentStatus(api);
          if (status === 'validated' || status === 'refused' || status === 'expired') return status;
          await pause(pollIntervalMs, token, waiter);
        }
        return token.isCancellationRequested ? 'cancelled' : 'expired';
      },
    ),
  );
}

async function currentStatus(api: OvhApi): Promise<string> {
  try {
    return (await api.currentCredential()).status;
  } catch (error) {
    // A refusal ends the wait now; any other INVALID_CREDENTIAL is OVH's "not validated yet".
    if (isRefusedCredential(error)) return 'refused';
    if (isOvhApiError(error) && (error.kind === 'invalidCredential' || error.transient)) return 'pendingValidation';
    throw error;
  }
}

function pause(ms: number, token: vscode.CancellationToken, waiter: ValidationWaiter): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      cancel.dispose();
      redirect.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const cancel = token.onCancellationRequested(done);
    const redirect = waiter.onDidRedirect(done);
  });
}

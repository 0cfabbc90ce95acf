import * as vscode from 'vscode';
import { describeError, isOvhApiError, type OvhApiError } from '../ovh';

/** How a sign-in stops: the user cancelled, or a problem in the user's words (which value is wrong, and what to do). */

/** The user dismissed a prompt: nothing is stored, nothing is said. */
export class Cancelled extends Error {}

/** A sign-in problem whose message is already in the user's words. */
export class SignInError extends Error {}

/** A prompt's answer, or Cancelled when the user dismissed it. */
export const answered = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Cancelled();
  return value;
};

export function secretStorageMessage(): string {
  return vscode.l10n.t(
    'VS Code could not store your OVHcloud credentials in the system keyring, so nothing was saved. On Linux, install and unlock a keyring (for example gnome-keyring or KWallet), or start VS Code with --password-store=basic, then sign in again.',
  );
}

export function describe(error: unknown): string {
  const description = describeError(error, vscode.l10n.t);
  return [description.explanation, description.nextStep, description.details ? `(${description.details})` : undefined].filter(Boolean).join(' ');
}

/** Which value is wrong, in the user's words, from how OVH refused it. */
export function credentialProblem(error: unknown, stage: 'application' | 'full' | 'oauth2'): string {
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

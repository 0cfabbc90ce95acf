import type { AccountMeta } from './accountTypes';

/** The accounts signed in now: the lookups read them at each call, so a sign-out is seen at once. */
export interface SignedInAccounts {
  list(): readonly AccountMeta[];
}

/** The account itself, whatever the sign-in method: the same nichandle on the same endpoint. */
export function accountIdentity(meta: Pick<AccountMeta, 'endpointId' | 'customUrl' | 'nichandle'>): string {
  return `${meta.endpointId}${meta.customUrl ? `(${meta.customUrl})` : ''}/${meta.nichandle.toLowerCase()}`;
}

/** The identity of a signed-in account id; undefined for one not signed in, whose journal entries nothing should then match. */
export function signedInIdentity(accounts: SignedInAccounts, accountId: string): string | undefined {
  const meta = accounts.list().find((candidate) => candidate.id === accountId);
  return meta ? accountIdentity(meta) : undefined;
}

/**
 * The identity a panel's session names its journal entries and leases with: a session always needs one, and for an
 * account id no longer signed in this one cannot equal a real identity (endpoint/nichandle).
 */
export function sessionIdentity(accounts: SignedInAccounts, accountId: string): string {
  return signedInIdentity(accounts, accountId) ?? `account:${accountId}`;
}

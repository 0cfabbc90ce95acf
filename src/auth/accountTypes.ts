import type { Credentials, EndpointId } from '../ovh';

/**
 * What we remember about a signed-in account outside SecretStorage: nothing here
 * is secret (no keys, no tokens), so it may live in globalState and in logs.
 */
export interface AccountMeta {
  /** Stable local id, also the SecretStorage namespace. */
  readonly id: string;
  readonly endpointId: EndpointId;
  /** For endpointId 'custom': the API base URL and the optional OAuth2 token host. */
  readonly customUrl?: string;
  readonly customTokenUrl?: string;
  readonly nichandle: string;
  /** e.g. "xx1234-ovh (EU)". */
  readonly label: string;
  readonly method: 'appKey' | 'oauth2';
  /** True when the extension requested the consumer key, so sign-out offers to revoke it. */
  readonly createdConsumerKey: boolean;
  readonly addedAt: string;
}

export interface Account {
  readonly meta: AccountMeta;
  readonly credentials: Credentials;
}

import { ENDPOINT_IDS, type Credentials, type EndpointId } from '../ovh';
import { fieldsOf, isBoolean, isOneOf, isOptional, isString } from '../storage/storedRecord';

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

const METHODS: readonly AccountMeta['method'][] = ['appKey', 'oauth2'];

/** Stored metadata (see storedRecord.ts): read while the extension activates. */
export function decodeAccountMeta(raw: unknown): AccountMeta | undefined {
  const fields = fieldsOf(raw);
  if (!fields) return undefined;
  const { id, endpointId, customUrl, customTokenUrl, nichandle, label, method, createdConsumerKey, addedAt } = fields;
  const valid =
    isString(id) &&
    isOneOf(ENDPOINT_IDS, endpointId) &&
    isOptional(isString, customUrl) &&
    isOptional(isString, customTokenUrl) &&
    isString(nichandle) &&
    isString(label) &&
    isOneOf(METHODS, method) &&
    isBoolean(createdConsumerKey) &&
    isString(addedAt);
  if (!valid) return undefined;
  return {
    id,
    endpointId,
    ...(customUrl !== undefined ? { customUrl } : {}),
    ...(customTokenUrl !== undefined ? { customTokenUrl } : {}),
    nichandle,
    label,
    method,
    createdConsumerKey,
    addedAt,
  };
}

/** Stored credentials (see storedRecord.ts): a stored application key always has its consumer key. */
export function decodeStoredCredentials(raw: unknown): Credentials | undefined {
  const fields = fieldsOf(raw);
  if (fields?.kind === 'appKey') {
    const { applicationKey, applicationSecret, consumerKey } = fields;
    return isString(applicationKey) && isString(applicationSecret) && isString(consumerKey)
      ? { kind: 'appKey', applicationKey, applicationSecret, consumerKey }
      : undefined;
  }
  if (fields?.kind === 'oauth2') {
    const { clientId, clientSecret } = fields;
    return isString(clientId) && isString(clientSecret) ? { kind: 'oauth2', clientId, clientSecret } : undefined;
  }
  return undefined;
}

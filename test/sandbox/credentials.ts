import { randomBytes } from 'node:crypto';
import { badRequest } from './errors';
import { isRecord } from './json';
import { Prng } from './prng';

/** Applications, consumer keys (with OVH access rules) and OAuth2 clients known to the sandbox. */

export const HTTP_METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const CREDENTIAL_STATES = ['pendingValidation', 'validated', 'expired', 'refused'] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

export interface AccessRule {
  method: HttpMethod;
  path: string;
}

export interface Application {
  readonly applicationId: number;
  readonly key: string;
  readonly secret: string;
  readonly name: string;
}

export interface Credential {
  readonly credentialId: number;
  readonly consumerKey: string;
  readonly applicationKey: string;
  state: CredentialState;
  readonly rules: AccessRule[];
  readonly creationMs: number;
  expirationMs: number | null;
  lastUseMs: number | null;
  readonly redirection: string | null;
  /** Set while the credential awaits validation through its validationUrl. */
  validationToken: string | null;
}

/** An IAM policy of a service account: every action, none, or exactly these actions. */
export type IamPolicy = 'all' | 'none' | readonly string[];

export interface IssuedToken {
  readonly clientId: string;
  readonly expiresAtMs: number;
}

export const ALL_RULES: readonly AccessRule[] = (['GET', 'POST', 'PUT', 'DELETE'] as const).map((method) => ({ method, path: '/*' }));

/** OVH rule paths are globs where `*` matches any run of characters, slashes included. */
export function ruleMatches(rule: AccessRule, method: string, path: string): boolean {
  if (rule.method !== method) return false;
  const pattern = rule.path
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(path);
}

export function parseRules(value: unknown, field = 'accessRules'): AccessRule[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest(`[${field}] Missing parameter: expected a non-empty list of {method, path}`);
  return value.map((rule, i) => {
    if (!isRecord(rule) || typeof rule.path !== 'string' || !rule.path.startsWith('/')) {
      throw badRequest(`[${field}][${i}] Invalid value: expected {method, path} with a path starting with /`);
    }
    if (typeof rule.method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(rule.method)) {
      throw badRequest(`[${field}][${i}].method Invalid value ${JSON.stringify(rule.method)} for enum auth.HTTPMethodEnum`);
    }
    return { method: rule.method as HttpMethod, path: rule.path };
  });
}

const randomToken = (bytes: number): string => randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');

export class CredentialStore {
  readonly applications = new Map<string, Application>();
  readonly credentials = new Map<string, Credential>();
  readonly oauthClients = new Map<string, string>();
  /** IAM policies of service accounts; the seeded one has every right, as a policy granting "*" would. */
  readonly iamPolicies = new Map<string, IamPolicy>();
  private serviceAccountCounter = 0;
  readonly tokens = new Map<string, IssuedToken>();
  readonly application: Application;
  readonly consumerKey: string;
  readonly clientId: string;
  readonly clientSecret: string;
  private nextCredentialId: number;

  /** Default keys derive from the seed so a demo can be replayed with the same keys. */
  constructor(seed: number, nowMs: number) {
    const prng = new Prng(seed ^ 0x0a11ce5);
    this.application = { applicationId: prng.int(100000, 999999), key: prng.token(16), secret: prng.token(32), name: 'OVHcloud Renewals (sandbox)' };
    this.applications.set(this.application.key, this.application);
    this.nextCredentialId = prng.int(1_000_000, 8_999_999);
    this.consumerKey = prng.token(32);
    this.add(this.consumerKey, this.application.key, 'validated', [...ALL_RULES], nowMs - 30 * 86_400_000, null, null);
    this.clientId = `EU.${prng.hex(16)}`;
    this.clientSecret = prng.hex(32);
    this.oauthClients.set(this.clientId, this.clientSecret);
    this.iamPolicies.set(this.clientId, 'all');
  }

  /** Admin helper: a new service account with its own IAM policy. Survives reset, like keys. */
  createServiceAccount(policy: IamPolicy): { clientId: string; clientSecret: string; policy: IamPolicy } {
    const n = ++this.serviceAccountCounter;
    const clientId = `EU.sa${n}${randomBytes(6).toString('hex')}`;
    const clientSecret = randomBytes(16).toString('hex');
    this.oauthClients.set(clientId, clientSecret);
    this.iamPolicies.set(clientId, policy);
    return { clientId, clientSecret, policy };
  }

  /** Reset gives the seeded service account all rights back. */
  resetPolicies(): void {
    this.iamPolicies.set(this.clientId, 'all');
  }

  allows(clientId: string, action: string): boolean {
    const policy = this.iamPolicies.get(clientId) ?? 'none';
    return policy === 'all' || (policy !== 'none' && policy.includes(action));
  }

  add(
    consumerKey: string,
    applicationKey: string,
    state: CredentialState,
    rules: AccessRule[],
    nowMs: number,
    expirationMs: number | null,
    redirection: string | null,
  ): Credential {
    const credential: Credential = {
      credentialId: this.nextCredentialId++,
      consumerKey,
      applicationKey,
      state,
      rules,
      creationMs: nowMs,
      expirationMs,
      lastUseMs: null,
      redirection,
      validationToken: state === 'pendingValidation' ? randomToken(48) : null,
    };
    this.credentials.set(consumerKey, credential);
    return credential;
  }

  /** POST /auth/credential */
  request(applicationKey: string, rules: AccessRule[], redirection: string | null, nowMs: number): Credential {
    return this.add(randomToken(24), applicationKey, 'pendingValidation', rules, nowMs, null, redirection);
  }

  /** Admin helper: a consumer key in any state, for tests. */
  create(rules: AccessRule[], state: CredentialState, nowMs: number, expiresInSeconds?: number): Credential {
    const expiration = expiresInSeconds === undefined ? null : nowMs + expiresInSeconds * 1000;
    return this.add(randomToken(24), this.application.key, state, rules, nowMs, expiration, null);
  }

  byValidationToken(token: string): Credential | undefined {
    for (const c of this.credentials.values()) if (c.validationToken !== null && c.validationToken === token) return c;
    return undefined;
  }

  /** Expired by date or by state: both answer INVALID_CREDENTIAL. */
  isUsable(c: Credential, nowMs: number): boolean {
    if (c.expirationMs !== null && c.expirationMs <= nowMs && c.state === 'validated') c.state = 'expired';
    return c.state === 'validated';
  }

  issueToken(clientId: string, nowMs: number, ttlSeconds: number): string {
    const token = `eyJsandbox.${randomToken(32)}`;
    this.tokens.set(token, { clientId, expiresAtMs: nowMs + ttlSeconds * 1000 });
    return token;
  }
}

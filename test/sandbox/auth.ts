import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxCore } from './core';
import { ruleMatches, type Application, type Credential } from './credentials';
import { ApiError, knownError, loginFirst, refusedCredential } from './errors';

/**
 * Request authentication as OVH does it: application key + consumer key + signed
 * timestamp, or an OAuth2 bearer token (whose rules are "all").
 */

export type AuthResult =
  { readonly kind: 'consumerKey'; readonly application: Application; readonly credential: Credential } | { readonly kind: 'oauth2'; readonly clientId: string };

export function signature(secret: string, consumerKey: string, method: string, url: string, body: string, timestamp: string): string {
  return '$1$' + createHash('sha1').update([secret, consumerKey, method, url, body, timestamp].join('+')).digest('hex');
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The URLs a client may have signed for this request. node-ovh signs `https://` + host +
 * path without the port even on a custom port; python-ovh and go-ovh sign the endpoint they
 * were given, port included. Both are accepted.
 */
export function signedUrlCandidates(hostHeader: string, rawUrl: string): string[] {
  const hostOnly = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : (hostHeader.split(':')[0] ?? hostHeader);
  // node-ovh given host '::1' signs it without brackets.
  const bare = hostOnly.replace(/^\[|\]$/g, '');
  return [...new Set([`https://${hostHeader}${rawUrl}`, `https://${hostOnly}${rawUrl}`, `https://${bare}${rawUrl}`])];
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The application named by X-Ovh-Application, for calls that need only that (POST /auth/credential). */
export function requireApplication(core: SandboxCore, headers: IncomingHttpHeaders): Application {
  const key = header(headers, 'x-ovh-application');
  const application = key === undefined ? undefined : core.credentials.applications.get(key);
  if (!application) throw knownError('INVALID_KEY');
  return application;
}

export interface SignedRequest {
  readonly method: string;
  readonly rawUrl: string;
  readonly apiPath: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export function authenticate(core: SandboxCore, req: SignedRequest, checkRules = true, allowInactive = false): AuthResult {
  const authorization = header(req.headers, 'authorization');
  if (authorization !== undefined && /^Bearer /i.test(authorization)) return bearer(core, authorization.slice(7).trim());

  const appKey = header(req.headers, 'x-ovh-application');
  if (appKey === undefined) throw loginFirst();
  const application = requireApplication(core, req.headers);
  const consumerKey = header(req.headers, 'x-ovh-consumer');
  if (consumerKey === undefined) throw loginFirst();
  const credential = core.credentials.credentials.get(consumerKey);
  if (!credential || credential.applicationKey !== application.key) throw knownError('NOT_CREDENTIAL');
  const nowMs = core.nowMs();
  if (!core.credentials.isUsable(credential, nowMs)) {
    // OVH answers a key that is not validated yet like any invalid key (php-ovh #56).
    if (!allowInactive || credential.state === 'pendingValidation') throw knownError('INVALID_CREDENTIAL');
    if (credential.state === 'refused' && core.config.refusedKeyAnswer === 'forbidden') throw refusedCredential();
  }

  const timestamp = header(req.headers, 'x-ovh-timestamp') ?? '';
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - Math.floor(nowMs / 1000)) > core.config.timestampWindowSeconds) {
    throw knownError('INVALID_TIMESTAMP');
  }
  const given = header(req.headers, 'x-ovh-signature') ?? '';
  const host = header(req.headers, 'host') ?? '';
  const valid = signedUrlCandidates(host, req.rawUrl).some((url) =>
    sameText(given, signature(application.secret, consumerKey, req.method, url, req.rawBody, timestamp)),
  );
  if (!valid) throw knownError('INVALID_SIGNATURE');

  if (checkRules && !credential.rules.some((rule) => ruleMatches(rule, req.method, req.apiPath))) throw knownError('NOT_GRANTED_CALL');
  credential.lastUseMs = nowMs;
  return { kind: 'consumerKey', application, credential };
}

function bearer(core: SandboxCore, token: string): AuthResult {
  const issued = core.credentials.tokens.get(token);
  if (!issued || issued.expiresAtMs <= core.nowMs()) {
    throw new ApiError(401, { class: 'Client::Unauthorized', message: 'Invalid or expired access token' });
  }
  return { kind: 'oauth2', clientId: issued.clientId };
}

import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxCore } from './core';
import type { Reply } from './router';

/**
 * OAuth2 client-credentials token endpoint. node-ovh hands its `tokenURL` to simple-oauth2
 * as tokenHost with tokenPath "oauth2/token", so a tokenURL of `<origin>/auth/` posts to
 * /auth/oauth2/token; /oauth2/token is served too in case the trailing slash is missing.
 * simple-oauth2 sends the client in an HTTP Basic header (each part form-url-encoded) with a
 * form body `grant_type=client_credentials&scope=all`; form-field credentials also work.
 */

export const TOKEN_PATHS = ['/auth/oauth2/token', '/oauth2/token'];

const formDecode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));

function clientFrom(headers: IncomingHttpHeaders, form: URLSearchParams): { id: string; secret: string } | undefined {
  const auth = headers.authorization;
  if (auth && /^Basic /i.test(auth)) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    try {
      return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
    } catch {
      return undefined;
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret } : undefined;
}

function parseForm(headers: IncomingHttpHeaders, rawBody: string): URLSearchParams {
  if ((headers['content-type'] ?? '').includes('application/json')) {
    try {
      const json = JSON.parse(rawBody) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(json).map(([k, v]): [string, string] => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(rawBody);
}

export function tokenEndpoint(core: SandboxCore, headers: IncomingHttpHeaders, rawBody: string): Reply {
  const form = parseForm(headers, rawBody);
  const noStore = { 'Cache-Control': 'no-store' };
  if (form.get('grant_type') !== 'client_credentials') {
    return { status: 400, headers: noStore, body: { error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' } };
  }
  const client = clientFrom(headers, form);
  const known = client ? core.credentials.oauthClients.get(client.id) : undefined;
  if (!client || known === undefined || known !== client.secret) {
    return { status: 401, headers: noStore, body: { error: 'Invalid client' } };
  }
  const scope = form.get('scope') ?? 'all';
  if (scope !== 'all') return { status: 400, headers: noStore, body: { error: 'invalid_scope', error_description: 'Only the "all" scope exists' } };
  const ttl = core.config.tokenTtlSeconds;
  const accessToken = core.credentials.issueToken(client.id, core.nowMs(), ttl);
  return { headers: noStore, body: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: 'all' } };
}

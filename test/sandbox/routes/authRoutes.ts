import { requireApplication } from '../auth';
import { parseRules } from '../credentials';
import { isoDateTime } from '../dates';
import { badRequest } from '../errors';
import { isRecord } from '../json';
import type { Router } from '../router';

/** /auth/time, /auth/credential, /auth/currentCredential, /auth/details, /auth/logout. */
export function addAuthRoutes(router: Router): void {
  // OVH answers a bare number of unix seconds.
  router.add('GET', '/auth/time', 'none', (ctx) => ({ body: ctx.core.serverTimeSeconds() }));

  router.add('POST', '/auth/credential', 'application', (ctx) => {
    const application = requireApplication(ctx.core, ctx.headers);
    if (!isRecord(ctx.body)) throw badRequest('Invalid body: expected {"accessRules":[...], "redirection"?: string}');
    const rules = parseRules(ctx.body.accessRules);
    const redirection = ctx.body.redirection;
    if (redirection !== undefined && redirection !== null && (typeof redirection !== 'string' || !/^https?:\/\//.test(redirection))) {
      throw badRequest('[redirection] Invalid value: expected an http(s) URL');
    }
    const credential = ctx.core.credentials.request(application.key, rules, typeof redirection === 'string' ? redirection : null, ctx.nowMs);
    return {
      body: {
        validationUrl: `${ctx.core.origin}/auth/?credentialToken=${credential.validationToken ?? ''}`,
        consumerKey: credential.consumerKey,
        state: credential.state,
      },
    };
  });

  router.add('GET', '/auth/currentCredential', 'status', (ctx) => {
    if (ctx.auth?.kind !== 'consumerKey') throw badRequest('This session uses an OAuth2 access token, not an API credential');
    const { credential, application } = ctx.auth;
    return {
      body: {
        allowedIPs: null,
        applicationId: application.applicationId,
        creation: isoDateTime(credential.creationMs),
        credentialId: credential.credentialId,
        expiration: credential.expirationMs === null ? null : isoDateTime(credential.expirationMs),
        lastUse: credential.lastUseMs === null ? null : isoDateTime(credential.lastUseMs),
        ovhSupport: false,
        rules: credential.rules.map((r) => ({ method: r.method, path: r.path })),
        status: credential.state,
      },
    };
  });

  router.add('GET', '/auth/details', 'self', (ctx) => ({
    body: {
      account: ctx.core.state.account.nichandle,
      allowedRoutes: ctx.auth?.kind === 'consumerKey' ? ctx.auth.credential.rules : null,
      description: ctx.auth?.kind === 'oauth2' ? `OAuth2 client ${ctx.auth.clientId}` : null,
      identities: [],
      method: ctx.auth?.kind === 'oauth2' ? 'oauth2_client_credentials' : 'account',
      roles: [],
      user: null,
    },
  }));

  router.add('POST', '/auth/logout', 'self', (ctx) => {
    if (ctx.auth?.kind === 'consumerKey') ctx.auth.credential.state = 'expired';
    return { body: null };
  });
}

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthResult } from './auth';
import { iamAction, iamForbidden } from './iam';
import type { SandboxCore } from './core';
import { ApiError, badRequest, bodyForStatus, invalidUrl, tooManyRequests } from './errors';
import { truncateJson, violateSchema, type FaultRule } from './faults';
import { ovhJson, readBody } from './json';
import { TOKEN_PATHS, tokenEndpoint } from './oauth2';
import { VALIDATION_PATH, orderPage, validationPage } from './pages';
import { adminRoute } from './routes/adminRoutes';
import type { Reply, Router } from './router';

/**
 * One request through the sandbox: admin controls bypass everything; other requests get
 * latency, then holds, then faults and rate limiting, then routing and authentication, and are logged.
 */

const QUERY_ID_PREFIX = `EU.ext-sandbox.${randomBytes(4).toString('hex')}`;
let queryCounter = 0;

/** `/1.0/me` and its `/v1/me` alias become `/me`; anything else is outside the API. */
export function toApiPath(fullPath: string): string | null {
  for (const prefix of ['/1.0', '/v1']) {
    if (fullPath === prefix) return '/';
    if (fullPath.startsWith(`${prefix}/`)) return fullPath.slice(prefix.length);
  }
  return null;
}

function send(res: ServerResponse, reply: Reply): number {
  const status = reply.status ?? 200;
  if (res.headersSent || res.destroyed) return status;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Cache-Control', res.getHeader('Cache-Control') ?? 'no-cache');
  if (reply.raw) {
    res.setHeader('Content-Type', reply.raw.contentType);
    res.writeHead(status).end(reply.raw.text);
  } else {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.writeHead(status).end(ovhJson(reply.body === undefined ? null : reply.body));
  }
  return status;
}

const errorReply = (e: ApiError): Reply => ({ status: e.status, body: e.body, headers: { ...e.headers } });

function unexpected(e: unknown): Reply {
  console.error('sandbox: unexpected error', e);
  return { status: 500, body: bodyForStatus(500) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createHandler(core: SandboxCore, router: Router, info: () => object) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(core, router, info, req, res).catch((e: unknown) => send(res, unexpected(e)));
  };
}

async function handle(core: SandboxCore, router: Router, info: () => object, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'https://sandbox.invalid');
  const fullPath = url.pathname;
  res.setHeader('X-Ovh-QueryID', `${QUERY_ID_PREFIX}.${++queryCounter}`);

  let rawBody: string;
  try {
    rawBody = await readBody(req);
  } catch {
    send(res, { status: 413, body: { message: 'Request body too large' } });
    return;
  }

  if (fullPath === '/__sandbox' || fullPath.startsWith('/__sandbox/')) {
    core.settle();
    try {
      send(res, adminRoute(core, info, method, fullPath, rawBody));
    } catch (e) {
      send(res, e instanceof ApiError ? errorReply(e) : unexpected(e));
    }
    return;
  }

  const apiPath = toApiPath(fullPath);
  const match = apiPath === null ? undefined : router.match(method, apiPath);
  const route = match ? match.route.template : apiPath === null ? fullPath : null;
  const log = (status: number, fault?: FaultRule): void =>
    core.log.record({
      method,
      path: apiPath ?? fullPath,
      route,
      status,
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      ...(fault ? { fault: fault.kind } : {}),
    });

  const delay = core.latency.delayFor(method, fullPath, apiPath);
  if (delay > 0) await sleep(delay);
  await core.holds.wait(method, fullPath, apiPath);
  core.settle();

  const fault = core.faults.take(method, fullPath, apiPath);
  if (fault?.kind === 'timeout' && fault.completeAfterMs !== undefined) {
    // No answer ever; the request still takes effect later, when the client has given up.
    log(0, fault);
    const incoming = { method, rawUrl, url, fullPath, apiPath, req, rawBody, match };
    // A reset in between starts a new world: the late request belonged to the old one.
    const world = core.state;
    setTimeout(() => {
      if (core.state !== world) return;
      core.settle();
      dispatch(core, incoming);
    }, fault.completeAfterMs).unref();
    return;
  }
  if (fault && !fault.after && failEarly(fault, res, req, log)) return;
  const limited = core.checkRateLimit();
  if (limited) {
    log(send(res, errorReply(limited)));
    return;
  }

  let reply = dispatch(core, { method, rawUrl, url, fullPath, apiPath, req, rawBody, match });
  // The request took effect; now lose or replace its answer.
  if (fault?.after && failEarly(fault, res, req, log)) return;
  const ok = (reply.status ?? 200) < 300 && !reply.raw;
  if (ok && fault?.kind === 'malformedJson') {
    reply = { ...reply, raw: { contentType: 'application/json; charset=utf-8', text: truncateJson(ovhJson(reply.body ?? null)) } };
  } else if (ok && fault?.kind === 'schemaViolation') {
    reply = { ...reply, body: violateSchema(reply.body) };
  }
  log(send(res, reply), fault);
}

/** Answers (or drops) the request for faults that replace the whole answer; false for the others. */
function failEarly(fault: FaultRule, res: ServerResponse, req: IncomingMessage, log: (status: number, fault?: FaultRule) => void): boolean {
  if (fault.kind === 'timeout') {
    // Never answer: the socket stays open until the client gives up or the sandbox closes.
    log(0, fault);
    return true;
  }
  if (fault.kind === 'reset') {
    log(0, fault);
    req.socket.destroy();
    return true;
  }
  if (fault.kind === 'status' || fault.kind === 'rateLimit') {
    const status = fault.kind === 'rateLimit' ? 429 : (fault.status ?? 500);
    const headers: Record<string, string> = {};
    if (fault.kind === 'rateLimit' || fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter ?? 1);
    const body = fault.body ?? (status === 429 ? tooManyRequests(fault.retryAfter ?? 1).body : bodyForStatus(status, fault.errorCode, fault.message));
    // A string body is sent as an HTML page, like the 408 pages OVH's front ends served under load.
    const reply: Reply =
      typeof body === 'string' ? { status, headers, raw: { contentType: 'text/html; charset=utf-8', text: body } } : { status, body, headers };
    log(send(res, reply), fault);
    return true;
  }
  return false;
}

const header = (r: Incoming, name: string): string => {
  const value = r.req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/**
 * OVH serves X-Pagination-Mode: CachedObjectList-Pages lists from a server-side cache, per
 * consumer key (here also per service account); only `Pragma: no-cache` gets fresh data.
 */
function cachedList(core: SandboxCore, r: Incoming, auth: AuthResult | null, answer: () => Reply): Reply {
  const ttlMs = core.config.listCacheSeconds * 1000;
  if (r.method !== 'GET' || ttlMs <= 0 || header(r, 'x-pagination-mode') !== 'CachedObjectList-Pages' || !auth) return answer();
  const who = auth.kind === 'oauth2' ? `oauth2:${auth.clientId}` : `ck:${auth.credential.consumerKey}`;
  const key = `${who} ${r.rawUrl} ${header(r, 'x-pagination-number')} ${header(r, 'x-pagination-size')}`;
  const cached = core.listCache.get(key);
  const now = core.nowMs();
  if (cached && now - cached.atMs < ttlMs && !/no-cache/i.test(header(r, 'pragma'))) {
    return { status: cached.status, body: structuredClone(cached.body), headers: { ...cached.headers } };
  }
  const reply = answer();
  if ((reply.status ?? 200) < 300 && !reply.raw) {
    core.listCache.set(key, { atMs: now, status: reply.status ?? 200, body: structuredClone(reply.body), headers: { ...(reply.headers ?? {}) } });
  }
  return reply;
}

interface Incoming {
  method: string;
  rawUrl: string;
  url: URL;
  fullPath: string;
  apiPath: string | null;
  req: IncomingMessage;
  rawBody: string;
  match: ReturnType<Router['match']>;
}

function parseJson(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw badRequest('Invalid JSON in request body');
  }
}

function dispatch(core: SandboxCore, r: Incoming): Reply {
  try {
    if (r.apiPath !== null) {
      if (!r.match) throw invalidUrl();
      const { route, params } = r.match;
      const signed = { method: r.method, rawUrl: r.rawUrl, apiPath: r.apiPath, headers: r.req.headers, rawBody: r.rawBody };
      const auth =
        route.auth === 'signed' || route.auth === 'self' || route.auth === 'status'
          ? authenticate(core, signed, route.auth === 'signed', route.auth === 'status')
          : null;
      if (auth?.kind === 'oauth2' && route.auth === 'signed') {
        const action = iamAction(r.method, route.template);
        if (!core.credentials.allows(auth.clientId, action)) throw iamForbidden(action);
      }
      const body = parseJson(r.rawBody);
      const ctx = { core, method: r.method, apiPath: r.apiPath, query: r.url.searchParams, params, headers: r.req.headers, body, nowMs: core.nowMs(), auth };
      return cachedList(core, r, auth, () => route.handler(ctx));
    }
    if (r.method === 'POST' && TOKEN_PATHS.includes(r.fullPath)) return tokenEndpoint(core, r.req.headers, r.rawBody);
    if (r.fullPath === VALIDATION_PATH) return validationPage(core, r.method, r.url.searchParams, r.rawBody);
    if (r.method === 'GET' && r.fullPath === '/order/displayOrder') return orderPage(core, r.url.searchParams);
    throw invalidUrl();
  } catch (e) {
    return e instanceof ApiError ? errorReply(e) : unexpected(e);
  }
}

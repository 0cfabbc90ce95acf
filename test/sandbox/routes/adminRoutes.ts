import type { SandboxConfig, SandboxCore } from '../core';
import { ALL_RULES, CREDENTIAL_STATES, parseRules, type CredentialState, type IamPolicy } from '../credentials';
import { ApiError } from '../errors';
import { parseFaultSpec } from '../faults';
import { isRecord } from '../json';
import { createExternalOrder } from '../orders';
import { changeService } from '../serviceControl';
import type { Reply } from '../router';

/**
 * Control routes under /__sandbox/: no auth, never logged, never delayed or faulted.
 * They exist for tests, benchmarks and the demo; the sandbox listens on loopback only.
 */

const fail = (message: string, status = 400): Reply => ({ status, body: { message } });

function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return {};
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw new ApiError(400, { message: 'Invalid JSON body' });
  }
}

const nonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function updateConfig(config: SandboxConfig, body: Record<string, unknown>): string | undefined {
  const { pagination, rateLimitPerSecond, timestampWindowSeconds, orderStepMs, tokenTtlSeconds, orderListingDelayMs } = body;
  if (pagination !== undefined && typeof pagination !== 'boolean') return 'pagination must be a boolean';
  if (rateLimitPerSecond !== undefined && rateLimitPerSecond !== null && !(nonNegative(rateLimitPerSecond) && rateLimitPerSecond >= 1)) {
    return 'rateLimitPerSecond must be a number >= 1, or null to disable';
  }
  for (const [name, value] of Object.entries({ timestampWindowSeconds, orderStepMs, tokenTtlSeconds, orderListingDelayMs })) {
    if (value !== undefined && !nonNegative(value)) return `${name} must be a number >= 0`;
  }
  if (typeof pagination === 'boolean') config.pagination = pagination;
  if (rateLimitPerSecond !== undefined) config.rateLimitPerSecond = rateLimitPerSecond as number | null;
  if (nonNegative(timestampWindowSeconds)) config.timestampWindowSeconds = timestampWindowSeconds;
  if (nonNegative(orderStepMs)) config.orderStepMs = orderStepMs;
  if (nonNegative(tokenTtlSeconds)) config.tokenTtlSeconds = tokenTtlSeconds;
  if (nonNegative(orderListingDelayMs)) config.orderListingDelayMs = orderListingDelayMs;
  if (body.orderPriceDeltaCents !== undefined) {
    if (typeof body.orderPriceDeltaCents !== 'number' || !Number.isInteger(body.orderPriceDeltaCents)) return 'orderPriceDeltaCents must be an integer';
    config.orderPriceDeltaCents = body.orderPriceDeltaCents;
  }
  return updateRealityConfig(config, body);
}

const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);

/** The controls for the behaviours of the real API that issue 14 added (see README). */
function updateRealityConfig(config: SandboxConfig, body: Record<string, unknown>): string | undefined {
  const { defaultPaymentMethod, ovhAccountBalance, refusedPayments, dryRunOrderId, renewPrices, listCacheSeconds, refusedKeyAnswer } = body;
  const { servicesPutRenew, renewPeriodSpelling, automaticRenewBlockers } = body;
  if (servicesPutRenew !== undefined && !oneOf(servicesPutRenew, ['applied', 'ignored', 'refused'] as const))
    return 'servicesPutRenew must be applied, ignored or refused';
  if (renewPeriodSpelling !== undefined && !oneOf(renewPeriodSpelling, ['plan', 'months'] as const)) return 'renewPeriodSpelling must be plan or months';
  const blockers = ['contracts', 'debt'] as const;
  if (automaticRenewBlockers !== undefined && !(Array.isArray(automaticRenewBlockers) && automaticRenewBlockers.every((v) => oneOf(v, blockers)))) {
    return 'automaticRenewBlockers must be a list of contracts, debt';
  }
  if (servicesPutRenew !== undefined) config.servicesPutRenew = servicesPutRenew;
  if (renewPeriodSpelling !== undefined) config.renewPeriodSpelling = renewPeriodSpelling;
  if (automaticRenewBlockers !== undefined) config.automaticRenewBlockers = automaticRenewBlockers as (typeof blockers)[number][];
  if (defaultPaymentMethod !== undefined && !oneOf(defaultPaymentMethod, ['card', 'sepa'] as const)) return 'defaultPaymentMethod must be card or sepa';
  if (ovhAccountBalance !== undefined && !nonNegative(ovhAccountBalance)) return 'ovhAccountBalance must be a number >= 0';
  if (refusedPayments !== undefined && !(Array.isArray(refusedPayments) && refusedPayments.every((v) => typeof v === 'string'))) {
    return 'refusedPayments must be a list of payment types or means';
  }
  if (dryRunOrderId !== undefined && !oneOf(dryRunOrderId, ['zero', 'null', 'absent'] as const)) return 'dryRunOrderId must be zero, null or absent';
  if (renewPrices !== undefined && !oneOf(renewPrices, ['full', 'valueOnly', 'oneBroken'] as const)) return 'renewPrices must be full, valueOnly or oneBroken';
  if (listCacheSeconds !== undefined && !nonNegative(listCacheSeconds)) return 'listCacheSeconds must be a number >= 0';
  if (refusedKeyAnswer !== undefined && !oneOf(refusedKeyAnswer, ['forbidden', 'status'] as const)) return 'refusedKeyAnswer must be forbidden or status';
  if (defaultPaymentMethod !== undefined) config.defaultPaymentMethod = defaultPaymentMethod;
  if (ovhAccountBalance !== undefined) config.ovhAccountBalance = ovhAccountBalance;
  if (refusedPayments !== undefined) config.refusedPayments = refusedPayments as string[];
  if (dryRunOrderId !== undefined) config.dryRunOrderId = dryRunOrderId;
  if (renewPrices !== undefined) config.renewPrices = renewPrices;
  if (listCacheSeconds !== undefined) config.listCacheSeconds = listCacheSeconds;
  if (refusedKeyAnswer !== undefined) config.refusedKeyAnswer = refusedKeyAnswer;
  return undefined;
}

export function adminRoute(core: SandboxCore, info: () => object, method: string, path: string, rawBody: string): Reply {
  const body = parseBody(rawBody);
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET /__sandbox':
    case 'GET /__sandbox/info':
      return { body: info() };
    case 'GET /__sandbox/requests':
      return { body: { requests: core.log.requests(), counts: core.log.counts() } };
    case 'DELETE /__sandbox/requests':
      core.log.reset();
      return { body: { ok: true } };
    case 'GET /__sandbox/ledger':
      return { body: core.ledger() };
    case 'POST /__sandbox/reset':
      core.reset();
      return { body: { ok: true } };
    case 'GET /__sandbox/latency':
      return { body: core.latency.snapshot() };
    case 'POST /__sandbox/latency': {
      if (!isRecord(body) || !nonNegative(body.ms)) return fail('expected {"ms": number >= 0, "method"?: string, "path"?: string}');
      const rule: { ms: number; method?: string; path?: string } = { ms: body.ms };
      if (typeof body.method === 'string') rule.method = body.method.toUpperCase();
      if (typeof body.path === 'string') rule.path = body.path;
      core.latency.set(rule);
      return { body: core.latency.snapshot() };
    }
    case 'DELETE /__sandbox/latency':
      core.latency.reset();
      return { body: core.latency.snapshot() };
    case 'GET /__sandbox/holds':
      return { body: core.holds.list() };
    case 'POST /__sandbox/holds':
      if (!isRecord(body) || typeof body.path !== 'string' || (body.method !== undefined && typeof body.method !== 'string')) {
        return fail('expected {"path": string, "method"?: string}');
      }
      return { status: 201, body: core.holds.add({ path: body.path, ...(typeof body.method === 'string' ? { method: body.method } : {}) }) };
    case 'DELETE /__sandbox/holds':
      core.holds.release();
      return { body: { ok: true } };
    case 'GET /__sandbox/faults':
      return { body: core.faults.list() };
    case 'POST /__sandbox/faults':
      try {
        return { status: 201, body: core.faults.add(parseFaultSpec(body)) };
      } catch (e) {
        return fail(`invalid fault: ${(e as Error).message}`);
      }
    case 'DELETE /__sandbox/faults':
      core.faults.clear();
      return { body: { ok: true } };
    case 'GET /__sandbox/clock':
      return { body: { offsetSeconds: core.config.clockOffsetSeconds, serverTime: core.serverTimeSeconds() } };
    case 'POST /__sandbox/clock':
      if (!isRecord(body) || typeof body.offsetSeconds !== 'number' || !Number.isFinite(body.offsetSeconds)) return fail('expected {"offsetSeconds": number}');
      core.config.clockOffsetSeconds = body.offsetSeconds;
      return { body: { offsetSeconds: core.config.clockOffsetSeconds, serverTime: core.serverTimeSeconds() } };
    case 'GET /__sandbox/config':
      return { body: core.config };
    case 'POST /__sandbox/config': {
      if (!isRecord(body)) return fail('expected a JSON object');
      const error = updateConfig(core.config, body);
      return error ? fail(error) : { body: core.config };
    }
    case 'POST /__sandbox/credentials':
      return createCredential(core, body);
    case 'POST /__sandbox/service-accounts':
      return createServiceAccount(core, body);
    case 'POST /__sandbox/orders':
      return externalOrder(core, body);
  }
  const order = /^POST \/__sandbox\/orders\/(\d+)$/.exec(key);
  if (order) return changeOrder(core, Number(order[1]), body);
  const service = /^POST \/__sandbox\/services\/(\d+)$/.exec(key);
  if (service) return changeService(core, Number(service[1]), body);
  const hold = /^DELETE \/__sandbox\/holds\/(\d+)$/.exec(key);
  if (hold) return core.holds.release(Number(hold[1])) ? { body: { ok: true } } : fail('unknown hold', 404);
  const ck = /^PUT \/__sandbox\/credentials\/([^/]+)$/.exec(key);
  if (ck) return setCredentialState(core, decodeURIComponent(ck[1] ?? ''), body);
  return fail(`unknown sandbox control ${key}`, 404);
}

/** A new OAuth2 service account whose IAM policy allows `all`, `none`, or the listed actions. */
function createServiceAccount(core: SandboxCore, body: unknown): Reply {
  const policy = isRecord(body) ? body.policy : undefined;
  const valid = policy === 'all' || policy === 'none' || (Array.isArray(policy) && policy.every((a) => typeof a === 'string'));
  if (!valid) return fail('expected {"policy": "all" | "none" | ["account:apiovh:me/get", ...]}');
  return { status: 201, body: core.credentials.createServiceAccount(policy as IamPolicy) };
}

function parseState(value: unknown): CredentialState | undefined {
  return typeof value === 'string' && (CREDENTIAL_STATES as readonly string[]).includes(value) ? (value as CredentialState) : undefined;
}

function createCredential(core: SandboxCore, body: unknown): Reply {
  if (!isRecord(body)) return fail('expected {"rules"?: [{method, path}], "state"?: string, "expiresInSeconds"?: number}');
  const state = body.state === undefined ? 'validated' : parseState(body.state);
  if (!state) return fail(`state must be one of ${CREDENTIAL_STATES.join(', ')}`);
  if (body.expiresInSeconds !== undefined && typeof body.expiresInSeconds !== 'number') return fail('expiresInSeconds must be a number');
  try {
    const rules = body.rules === undefined ? [...ALL_RULES] : parseRules(body.rules, 'rules');
    const credential = core.credentials.create(rules, state, core.nowMs(), body.expiresInSeconds as number | undefined);
    return { status: 201, body: { consumerKey: credential.consumerKey, credentialId: credential.credentialId, state: credential.state } };
  } catch (e) {
    return fail(e instanceof ApiError ? e.body.message : String(e));
  }
}

function setCredentialState(core: SandboxCore, consumerKey: string, body: unknown): Reply {
  const credential = core.credentials.credentials.get(consumerKey);
  if (!credential) return fail('unknown consumer key', 404);
  const state = isRecord(body) ? parseState(body.state) : undefined;
  if (!state) return fail(`state must be one of ${CREDENTIAL_STATES.join(', ')}`);
  credential.state = state;
  return { body: { consumerKey, state } };
}

/** An unpaid renew order placed elsewhere (the Control Panel, another machine): {services, duration?}. */
function externalOrder(core: SandboxCore, body: unknown): Reply {
  if (
    !isRecord(body) ||
    !Array.isArray(body.services) ||
    body.services.length === 0 ||
    !body.services.every((id) => typeof id === 'number' && core.state.lookup(id))
  ) {
    return fail('expected {"services": [existing service ids], "duration"?: "P1Y"}');
  }
  if (body.duration !== undefined && typeof body.duration !== 'string') return fail('duration must be a string such as "P1Y"');
  const order = createExternalOrder(core.state, body.services as number[], (body.duration as string | undefined) ?? 'P1Y', core.nowMs());
  return { status: 201, body: { orderId: order.orderId } };
}

/** Makes an order's expirationDate pass ({expiresInSeconds}), or deletes it ({gone: true}). */
function changeOrder(core: SandboxCore, orderId: number, body: unknown): Reply {
  const order = core.state.orders.get(orderId);
  if (!order) return fail('unknown order', 404);
  if (!isRecord(body)) return fail('expected {"expiresInSeconds"?: number, "gone"?: true}');
  if (body.expiresInSeconds !== undefined) {
    if (typeof body.expiresInSeconds !== 'number' || !Number.isFinite(body.expiresInSeconds)) return fail('expiresInSeconds must be a number');
    order.expirationMs = core.nowMs() + body.expiresInSeconds * 1000;
  }
  if (body.gone === true) order.gone = true;
  if (body.held !== undefined) {
    const checks = ['FRAUD_DOCS_REQUESTED', 'FRAUD_MANUAL_REVIEW', 'FRAUD_REFUSED'] as const;
    if (body.held !== null && !oneOf(body.held, checks)) return fail(`held must be null or one of ${checks.join(', ')}`);
    // Released: delivery resumes from now, as if just paid.
    if (body.held === null && order.held && order.payment) order.payment = { ...order.payment, atMs: core.nowMs() };
    order.held = body.held ?? undefined;
  }
  return { body: { orderId, expirationDate: new Date(order.expirationMs).toISOString(), gone: order.gone === true, held: order.held ?? null } };
}

import { isRecord } from './json';
import { pathMatches } from './patterns';

/** Injected failures and latency, set through /__sandbox/faults and /__sandbox/latency. */

export const FAULT_KINDS = ['status', 'timeout', 'reset', 'malformedJson', 'schemaViolation', 'rateLimit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  method?: string;
  path: string;
  kind: FaultKind;
  status?: number;
  body?: unknown;
  errorCode?: string;
  message?: string;
  retryAfter?: number;
  /** How many matching requests to hit; unlimited when absent. */
  times?: number;
  /**
   * Apply the fault after the request was handled: the order or payment happened but
   * the answer is lost (timeout, reset) or replaced (status). Models a network failure
   * after OVH acted, the case where a client must not blindly retry.
   */
  after?: boolean;
  /**
   * With `timeout`: the request takes effect on the server this long after it arrived,
   * still without an answer. Models a POST that completes after the client gave up.
   */
  completeAfterMs?: number;
}

export interface FaultRule extends FaultSpec {
  readonly id: number;
  hits: number;
}

const optionalInt = (v: unknown, name: string, min: number): number | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer >= ${min}`);
  return v;
};

const optionalString = (v: unknown, name: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Error(`${name} must be a string`);
  return v;
};

/** Validates an admin request body; throws Error with a readable message. */
export function parseFaultSpec(body: unknown): FaultSpec {
  if (!isRecord(body)) throw new Error('expected a JSON object');
  const kind = body.kind;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  const path = optionalString(body.path, 'path') ?? '*';
  const method = optionalString(body.method, 'method')?.toUpperCase();
  const spec: FaultSpec = { path, kind: kind as FaultKind };
  if (method !== undefined) spec.method = method;
  const status = optionalInt(body.status, 'status', 100);
  if (status !== undefined) spec.status = status;
  if (body.body !== undefined) spec.body = body.body;
  const errorCode = optionalString(body.errorCode, 'errorCode');
  if (errorCode !== undefined) spec.errorCode = errorCode;
  const message = optionalString(body.message, 'message');
  if (message !== undefined) spec.message = message;
  const retryAfter = optionalInt(body.retryAfter, 'retryAfter', 0);
  if (retryAfter !== undefined) spec.retryAfter = retryAfter;
  const times = optionalInt(body.times, 'times', 1);
  if (times !== undefined) spec.times = times;
  const completeAfterMs = optionalInt(body.completeAfterMs, 'completeAfterMs', 0);
  if (completeAfterMs !== undefined) {
    if (kind !== 'timeout') throw new Error('completeAfterMs goes with kind "timeout"');
    spec.completeAfterMs = completeAfterMs;
  }
  if (body.after !== undefined) {
    if (typeof body.after !== 'boolean') throw new Error('after must be a boolean');
    spec.after = body.after;
  }
  return spec;
}

export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(spec: FaultSpec): FaultRule {
    const rule: FaultRule = { ...spec, id: this.nextId++, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first matching rule, counted as hit; rules that used up `times` are dropped. */
  take(method: string, fullPath: string, apiPath: string | null): FaultRule | undefined {
    const rule = this.rules.find((r) => (r.method === undefined || r.method === method) && pathMatches(r.path, fullPath, apiPath));
    if (!rule) return undefined;
    rule.hits++;
    if (rule.times !== undefined && rule.hits >= rule.times) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}

export interface LatencyRule {
  ms: number;
  method?: string;
  path?: string;
}

export class LatencyRegistry {
  globalMs: number;
  private rules: LatencyRule[] = [];

  constructor(readonly initialMs: number) {
    this.globalMs = initialMs;
  }

  /** Without method or path the delay is global; otherwise it replaces the rule for that route. */
  set(rule: LatencyRule): void {
    if (rule.method === undefined && rule.path === undefined) {
      this.globalMs = rule.ms;
      return;
    }
    this.rules = this.rules.filter((r) => r.method !== rule.method || r.path !== rule.path);
    this.rules.push(rule);
  }

  reset(): void {
    this.globalMs = this.initialMs;
    this.rules = [];
  }

  snapshot(): { globalMs: number; rules: LatencyRule[] } {
    return { globalMs: this.globalMs, rules: [...this.rules] };
  }

  /** A matching route rule overrides the global delay. */
  delayFor(method: string, fullPath: string, apiPath: string | null): number {
    const rule = [...this.rules]
      .reverse()
      .find((r) => (r.method === undefined || r.method === method) && (r.path === undefined || pathMatches(r.path, fullPath, apiPath)));
    return rule ? rule.ms : this.globalMs;
  }
}

// An order answer loses its price: orderId is optional in a dry-run answer (no public example shows one).
const REQUIRED_KEYS = [
  'serviceId',
  'billing',
  'priceWithTax',
  'orderId',
  'paymentMethodId',
  'renewPeriod',
  'nichandle',
  'status',
  'consumerKey',
  'access_token',
];

/**
 * Valid JSON that breaks the documented schema: a required field removed, or a value of the
 * wrong type, so clients that validate responses have something to reject.
 */
export function violateSchema(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0) return { unexpected: 'object instead of a list' };
    const [first, ...rest] = value;
    return [isRecord(first) ? violateSchema(first) : String(first), ...rest];
  }
  if (isRecord(value)) {
    const copy: Record<string, unknown> = { ...value };
    const key = REQUIRED_KEYS.find((k) => k in copy) ?? Object.keys(copy)[0];
    if (key !== undefined) delete copy[key];
    return copy;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return 42;
  return { unexpected: value };
}

/** Cuts a JSON text so it no longer parses, as a dropped connection mid-body would. */
export function truncateJson(text: string): string {
  const cut = Math.max(1, Math.floor(text.length / 2));
  const truncated = text.slice(0, cut);
  return truncated === text ? `${text}{` : truncated.length > 1 ? truncated : '{"';
}

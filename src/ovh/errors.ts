/**
 * Every failure of an OVH call becomes one OvhApiError, whatever its cause: an HTTP
 * error answer, a network failure, or a body we could not understand. The UI maps
 * `kind` to words; the raw server message is kept for the log and "details".
 */
export type OvhErrorKind =
  | 'invalidSignature'
  | 'clockSkew'
  | 'badRequest'
  | 'unauthorized'
  | 'invalidCredential'
  | 'notGranted'
  | 'iamNotGranted'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'rateLimited'
  | 'expiredService'
  | 'server'
  | 'timeout'
  | 'connectionRefused'
  | 'connectionReset'
  | 'network'
  | 'malformedResponse'
  | 'schemaMismatch'
  | 'oauth2'
  | 'cancelled'
  | 'unknown';

export interface OvhErrorInit {
  readonly kind: OvhErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorClass?: string;
  readonly serverMessage?: string;
  readonly queryId?: string;
  readonly retryAfterSeconds?: number;
  /** For schemaMismatch: where the body differs from what we expect, e.g. "billing.expirationDate". */
  readonly schemaPath?: string;
  /** For iamNotGranted: the IAM actions OVH named in details.unauthorizedActionsByIAM. */
  readonly missingActions?: readonly string[];
  readonly cause?: unknown;
}

/**
 * The extension ships two bundles (dist/extension.js, and dist/features.js loaded on first
 * use), each with its own copy of this class: `instanceof` checks a mark shared through
 * the global symbol registry instead of the copy's prototype.
 */
const OVH_API_ERROR = Symbol.for('ovhcloud-renewals.OvhApiError');

export class OvhApiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [OVH_API_ERROR]?: unknown })[OVH_API_ERROR] === true;
  }

  readonly kind: OvhErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorClass?: string;
  readonly serverMessage?: string;
  readonly queryId?: string;
  readonly retryAfterSeconds?: number;
  readonly schemaPath?: string;
  readonly missingActions?: readonly string[];

  constructor(init: OvhErrorInit) {
    super(summarize(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'OvhApiError';
    Object.defineProperty(this, OVH_API_ERROR, { value: true });
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorClass = init.errorClass;
    this.serverMessage = init.serverMessage;
    this.queryId = init.queryId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.schemaPath = init.schemaPath;
    this.missingActions = init.missingActions;
  }

  /** Errors a later identical GET may not hit: worth an automatic retry (never for POST). */
  get transient(): boolean {
    return ['rateLimited', 'server', 'timeout', 'connectionRefused', 'connectionReset', 'network'].includes(this.kind);
  }
}

function summarize(init: OvhErrorInit): string {
  const status = init.status === undefined ? '' : ` ${init.status}`;
  const code = init.errorCode ?? init.errorClass;
  const server = init.serverMessage ? `: ${init.serverMessage}` : '';
  const query = init.queryId ? ` (X-Ovh-QueryID ${init.queryId})` : '';
  return `OVH API ${init.method} ${init.path} failed${status} [${init.kind}${code ? `/${code}` : ''}]${server}${query}`;
}

export function isOvhApiError(value: unknown): value is OvhApiError {
  return value instanceof OvhApiError;
}

/**
 * While a new consumer key awaits approval, OVH answers 403 INVALID_CREDENTIAL (php-ovh #56):
 * that means "not yet". A refused key stays invalid for good; an answer that says so ends
 * the wait at once instead of at the timeout.
 */
export function isRefusedCredential(error: unknown): boolean {
  return error instanceof OvhApiError && error.kind === 'invalidCredential' && /\brefus/i.test(error.serverMessage ?? '');
}

interface ErrorBody {
  readonly message?: unknown;
  readonly errorCode?: unknown;
  readonly class?: unknown;
  readonly details?: unknown;
}

/** IAM action names from `details` (go-ovh reads it as a string map; a list is accepted too). */
function iamActions(details: unknown, field: string): string[] {
  if (details === null || typeof details !== 'object') return [];
  const value = (details as Record<string, unknown>)[field];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/) : [];
  // Only action-shaped names: this text ends up in a message to the user.
  return [...new Set(items.filter((item): item is string => typeof item === 'string' && /^[a-z]+:[A-Za-z0-9:/_.*{}-]+$/.test(item)))].slice(0, 20);
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Classifies an HTTP error answer from OVH's status, errorCode/class and message. */
export function classifyHttpError(status: number, body: unknown): Pick<OvhErrorInit, 'kind' | 'errorCode' | 'errorClass' | 'serverMessage' | 'missingActions'> {
  const fields: ErrorBody = body !== null && typeof body === 'object' ? (body as ErrorBody) : {};
  const errorCode = asString(fields.errorCode);
  const errorClass = asString(fields.class);
  // An HTML error page is not a message for the user.
  const serverMessage = asString(fields.message) ?? (typeof body === 'string' && !/^\s*</.test(body) ? body.slice(0, 500) : undefined);
  const text = `${errorCode ?? ''} ${errorClass ?? ''} ${serverMessage ?? ''}`.toLowerCase();
  const missingActions = iamActions(fields.details, 'unauthorizedActionsByIAM');
  const kind = ((): OvhErrorKind => {
    if (status === 400) {
      if (errorCode === 'INVALID_SIGNATURE' || text.includes('invalid signature')) return 'invalidSignature';
      if (text.includes('timestamp') || text.includes('clock') || text.includes('time drift')) return 'clockSkew';
      return 'badRequest';
    }
    if (status === 401) return 'unauthorized';
    if (status === 403) {
      // OAuth2 service accounts: IAM refuses with this message and names the missing actions.
      if (text.includes('user not granted for this request') || missingActions.length > 0) return 'iamNotGranted';
      if (errorCode === 'NOT_GRANTED_CALL' || text.includes('not been granted') || text.includes('not granted')) return 'notGranted';
      if (['INVALID_CREDENTIAL', 'NOT_CREDENTIAL', 'INVALID_KEY'].includes(errorCode ?? '') || text.includes('credential')) {
        return 'invalidCredential';
      }
      return 'forbidden';
    }
    if (status === 404) return 'notFound';
    // Under load OVH has answered with an HTML "408 Request Timeout" page (external-dns #1546).
    if (status === 408) return 'timeout';
    if (status === 409) return 'conflict';
    if (status === 429) return 'rateLimited';
    if (status === 460) return 'expiredService';
    if (status >= 500) return 'server';
    return 'unknown';
  })();
  return kind === 'iamNotGranted' ? { kind, errorCode, errorClass, serverMessage, missingActions } : { kind, errorCode, errorClass, serverMessage };
}

/** Reads Retry-After in seconds (delta form or HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

import { STATUS_CODES } from 'node:http';

/**
 * OVH error bodies. Auth failures use the legacy shape clients match on
 * (errorCode + httpCode + message, python-ovh maps errorCode to exception classes) plus the
 * newer `class` that go-ovh prints; other failures carry `class` and `message`.
 */
export interface OvhErrorBody {
  class?: string;
  errorCode?: string;
  httpCode?: string;
  message: string;
  details?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: OvhErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.message);
  }
}

function httpCode(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

function legacy(status: number, cls: string, errorCode: string, message: string): OvhErrorBody {
  return { class: cls, errorCode, httpCode: httpCode(status), message };
}

/** Bodies the sandbox sends per known errorCode, reused by the fault injector. */
export const KNOWN_ERRORS: Readonly<Record<string, { status: number; body: OvhErrorBody }>> = {
  INVALID_SIGNATURE: { status: 400, body: legacy(400, 'Client::BadRequest', 'INVALID_SIGNATURE', 'Invalid signature') },
  // Not documented by OVH: the window and text are this sandbox's choice.
  INVALID_TIMESTAMP: {
    status: 400,
    body: legacy(400, 'Client::BadRequest', 'INVALID_TIMESTAMP', 'Invalid timestamp: too far from the server time, sync with /auth/time'),
  },
  INVALID_KEY: { status: 403, body: legacy(403, 'Client::Forbidden', 'INVALID_KEY', 'Invalid application key') },
  NOT_CREDENTIAL: { status: 403, body: legacy(403, 'Client::Forbidden', 'NOT_CREDENTIAL', 'This credential does not exist') },
  INVALID_CREDENTIAL: { status: 403, body: legacy(403, 'Client::Forbidden', 'INVALID_CREDENTIAL', 'This credential is not valid') },
  NOT_GRANTED_CALL: { status: 403, body: legacy(403, 'Client::Forbidden', 'NOT_GRANTED_CALL', 'This call has not been granted') },
};

export function knownError(code: keyof typeof KNOWN_ERRORS): ApiError {
  const known = KNOWN_ERRORS[code];
  if (!known) throw new Error(`unknown error code ${String(code)}`);
  return new ApiError(known.status, { ...known.body });
}

/** A key the user refused stays invalid for good; the wording is this sandbox's choice (OVH documents none). */
export const refusedCredential = (): ApiError =>
  new ApiError(403, legacy(403, 'Client::Forbidden', 'INVALID_CREDENTIAL', 'This credential was refused by the account owner'));

/** An order that cannot be paid with this mean, in OVH's words (php-ovh #101, terraform #646). */
export const cannotPayWith = (mean: string): ApiError => new ApiError(403, { class: 'Client::Forbidden', message: `This order can't be paid with '${mean}'` });

export const paymentMeanNotFound = (): ApiError => new ApiError(404, { class: 'Client::NotFound', message: 'paymentMean not found' });

export const loginFirst = (): ApiError => new ApiError(401, { class: 'Client::Unauthorized', message: 'You must login first' });

export const invalidUrl = (): ApiError => new ApiError(404, { class: 'Client::NotFound', message: 'Got an invalid (or empty) URL' });

export const notFound = (message = 'This service does not exist'): ApiError => new ApiError(404, { class: 'Client::NotFound', message });

export const badRequest = (message: string): ApiError => new ApiError(400, { class: 'Client::BadRequest', message });

export const conflict = (message: string): ApiError => new ApiError(409, { class: 'Client::Conflict', message });

/** OVH's own 460 body carries only a message. */
export const expiredService = (): ApiError => new ApiError(460, { message: 'This Service is expired' });

/** OVH documents no 429 body; this one follows the class/message shape. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(429, { class: 'Client::TooManyRequests', message: 'Too many requests, retry later' }, { 'Retry-After': String(retryAfterSeconds) });
}

/** Default body for an injected status, with optional errorCode/message overrides. */
export function bodyForStatus(status: number, errorCode?: string, message?: string): OvhErrorBody {
  const known = errorCode ? KNOWN_ERRORS[errorCode] : undefined;
  let body: OvhErrorBody;
  if (known && known.status === status) body = { ...known.body };
  else if (status === 400) body = { class: 'Client::BadRequest', message: 'Invalid parameters' };
  else if (status === 401) body = loginFirst().body;
  else if (status === 403) body = { ...KNOWN_ERRORS.NOT_GRANTED_CALL!.body };
  else if (status === 404) body = notFound().body;
  else if (status === 409) body = { class: 'Client::Conflict', message: 'Conflict with the current state of the resource' };
  else if (status === 429) body = tooManyRequests(1).body;
  else if (status === 460) body = expiredService().body;
  else if (status >= 500) {
    const cls = status === 503 ? 'Server::ServiceUnavailable' : status === 504 ? 'Server::GatewayTimeout' : 'Server::InternalServerError';
    body = { class: cls, message: STATUS_CODES[status] ?? 'Internal server error' };
  } else body = { message: STATUS_CODES[status] ?? `HTTP ${status}` };
  if (errorCode) body.errorCode = errorCode;
  if (message) body.message = message;
  return body;
}

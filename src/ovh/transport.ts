import * as https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import ovh from 'ovh';
import * as z from 'zod/mini';
import type { Credentials } from './credentials';
import type { Endpoint } from './endpoints';
import { classifyHttpError, OvhApiError, parseRetryAfter } from './errors';
import { networkError } from './networkError';
import { requestAccessToken, type AccessToken } from './oauth2';
import { RequestLimiter, type LimiterOptions, type LimiterTicket } from './limiter';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { schemaIssuePath } from './schemaIssue';

/**
 * The one place that talks HTTPS to OVH. The `ovh` package signs requests, keeps
 * the clock correction and manages OAuth2 tokens, but its request() reports only
 * the status and message: no errorCode, no X-Ovh-QueryID, no Retry-After, and no
 * custom request headers (needed for X-Pagination-*). So requests go out over Node's
 * https here, signed with the package's own signRequest over the same URL form it
 * signs, with its timestamp correction and its OAuth2 client.
 */
export interface TransportLog {
  debug(message: string): void;
  warn(message: string): void;
}

export interface TransportOptions {
  readonly endpoint: Endpoint;
  readonly credentials: Credentials;
  readonly timeoutMs?: number;
  readonly limiter?: LimiterOptions;
  readonly retry?: RetryPolicy;
  readonly log?: TransportLog;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type AuthMode = 'signed' | 'application' | 'none';
type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions<T> {
  readonly schema: z.ZodMiniType<T>;
  readonly query?: Query;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly auth?: AuthMode;
  /** Requests still waiting in the limiter when this aborts are not sent. */
  readonly signal?: AbortSignal;
}

export interface ApiResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

/** At most 8 in flight; the pace adapts from 2 in flight and 40 requests per second (see limiter.ts). */
export const DEFAULT_LIMITS: LimiterOptions = { maxConcurrent: 8, initialConcurrent: 2, initialPerSecond: 40 };
const DEFAULT_TIMEOUT_MS = 20_000;
/** Pause after a strain sign that came without Retry-After. */
const STRAIN_PAUSE_MS = 1000;

const method = (error: OvhApiError): string => `${error.method} ${error.path}`;

export class OvhTransport {
  readonly client: ovh.OvhClient;
  private readonly agent: https.Agent;
  private readonly limiter: RequestLimiter;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private timeSync: Promise<number> | undefined;
  private token: AccessToken | undefined;
  private pendingToken: Promise<AccessToken> | undefined;
  /** Requests sent, retries included: the benchmark and the fault tests read it. */
  requestCount = 0;

  constructor(private readonly options: TransportOptions) {
    const { endpoint, credentials } = options;
    const location = { host: endpoint.host, port: endpoint.port, basePath: endpoint.basePath };
    this.client =
      credentials.kind === 'appKey'
        ? ovh({ ...location, appKey: credentials.applicationKey, appSecret: credentials.applicationSecret, consumerKey: credentials.consumerKey })
        : ovh({ ...location, clientID: credentials.clientId, clientSecret: credentials.clientSecret, tokenURL: endpoint.tokenUrl });
    const limits = options.limiter ?? DEFAULT_LIMITS;
    this.limiter = new RequestLimiter(limits);
    this.agent = new https.Agent({ keepAlive: true, maxSockets: limits.maxConcurrent });
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** GETs are idempotent: transient failures are retried with backoff. */
  get<T>(path: string, options: RequestOptions<T>): Promise<ApiResponse<T>> {
    return withRetry(
      () => this.send('GET', path, options),
      this.retryPolicy,
      this.sleep,
      (error, attempt, delay) => this.options.log?.warn(`GET ${path} failed (${error.kind}); retry ${attempt} in ${delay} ms`),
    );
  }

  /** Sent exactly once. A POST here can create an order or a payment: never retried. */
  post<T>(path: string, options: RequestOptions<T>): Promise<ApiResponse<T>> {
    return this.send('POST', path, options);
  }

  /**
   * Sent once. A PUT of renew settings is idempotent in effect, but an answer lost on
   * the way leaves its outcome unknown: the caller reads the service back instead.
   */
  put<T>(path: string, options: RequestOptions<T>): Promise<ApiResponse<T>> {
    return this.send('PUT', path, options);
  }

  /** Requests per second the limiter allows now: lower after OVH showed strain. */
  get currentRate(): number {
    return this.limiter.currentRate;
  }

  /** Requests the limiter lets in flight now: fewer after OVH showed strain. */
  get currentWindow(): number {
    return this.limiter.currentWindow;
  }

  get credentialKind(): Credentials['kind'] {
    return this.options.credentials.kind;
  }

  get endpoint(): Endpoint {
    return this.options.endpoint;
  }

  dispose(): void {
    this.agent.destroy();
  }

  private async send<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: RequestOptions<T>): Promise<ApiResponse<T>> {
    const auth = options.auth ?? 'signed';
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const fullPath = this.client.getFullPath(path) + queryString(options.query);
    const body = options.body === undefined ? '' : escapeNonAscii(JSON.stringify(options.body));
    if (body) headers['Content-Type'] = 'application/json';
    // The clock correction is fetched before queueing: /auth/time itself goes through the
    // limiter, and waiting for it from inside a slot could block every slot.
    if (auth === 'signed' && this.options.credentials.kind === 'appKey' && this.options.credentials.consumerKey !== undefined) await this.timeDelta();
    return this.limiter.run(async (ticket) => {
      if (options.signal?.aborted) throw cancelled(method, path);
      // Signed when it leaves the queue: OVH refuses timestamps more than a minute old.
      await this.authenticate(method, fullPath, body, auth, headers);
      this.requestCount++;
      const started = Date.now();
      let raw: RawResponse;
      try {
        raw = await this.exchange(method, path, fullPath, body, headers);
      } catch (error) {
        this.noteStrain(ticket, error);
        throw error;
      }
      const latencyMs = Date.now() - started;
      this.options.log?.debug(`${method} ${path} → ${raw.status} in ${latencyMs} ms`);
      let result: ApiResponse<T>;
      try {
        result = this.interpret(method, path, raw, options.schema);
      } catch (error) {
        // An answered error that is no sign of load (404, 403…) still says the pace is fine.
        if (!this.noteStrain(ticket, error)) this.limiter.answered(ticket, latencyMs);
        throw error;
      }
      this.limiter.answered(ticket, latencyMs);
      return result;
    });
  }

  /** 429, an HTML 408 page, a 5xx or a reset connection: signs of load that slow every later request. */
  private noteStrain(ticket: LimiterTicket, error: unknown): boolean {
    if (!(error instanceof OvhApiError)) return false;
    const strained = error.kind === 'rateLimited' || error.status === 408 || (error.status ?? 0) >= 500 || error.kind === 'connectionReset';
    if (!strained) return false;
    const pauseMs = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : STRAIN_PAUSE_MS;
    this.limiter.strained(ticket, pauseMs);
    this.options.log?.warn(
      `OVH answered ${method(error)} with signs of load (${error.kind}${error.status ? ` ${error.status}` : ''}); slowing down to ${this.limiter.currentWindow} in flight, ${this.limiter.currentRate.toFixed(1)} requests/s.`,
    );
    return true;
  }

  private async authenticate(method: string, fullPath: string, body: string, auth: AuthMode, headers: Record<string, string>): Promise<void> {
    const { credentials } = this.options;
    if (auth === 'none') return;
    if (credentials.kind === 'oauth2') {
      headers.Authorization = `Bearer ${await this.bearerToken()}`;
      return;
    }
    headers['X-Ovh-Application'] = credentials.applicationKey;
    if (auth === 'application' || credentials.consumerKey === undefined) return;
    const timestamp = Math.round(Date.now() / 1000) + (await this.timeDelta());
    headers['X-Ovh-Timestamp'] = String(timestamp);
    headers['X-Ovh-Consumer'] = credentials.consumerKey;
    // The same URL form the package signs: https://host + path, without the port.
    headers['X-Ovh-Signature'] = this.client.signRequest(method, `https://${this.client.host}${fullPath}`, body || null, timestamp);
  }

  /** Server time minus local time, fetched once: OVH rejects skewed timestamps. */
  private timeDelta(): Promise<number> {
    if (this.client.apiTimeDiff !== null) return Promise.resolve(this.client.apiTimeDiff);
    this.timeSync ??= this.get('/auth/time', { schema: timeSchema, auth: 'none' }).then(
      (response) => {
        const delta = response.data - Math.round(Date.now() / 1000);
        this.client.apiTimeDiff = delta;
        if (Math.abs(delta) > 30) this.options.log?.warn(`The local clock is ${delta} s off OVH's; requests are corrected for it.`);
        return delta;
      },
      (error: unknown) => {
        this.timeSync = undefined;
        throw error;
      },
    );
    return this.timeSync;
  }

  private async bearerToken(): Promise<string> {
    const { credentials, endpoint } = this.options;
    if (this.token && this.token.expiresAtMs - 10_000 > Date.now()) return this.token.value;
    if (credentials.kind !== 'oauth2' || !endpoint.tokenUrl) {
      throw new OvhApiError({ kind: 'oauth2', method: 'POST', path: 'oauth2/token', serverMessage: 'This endpoint has no OAuth2 support' });
    }
    // Concurrent requests share one token request.
    this.pendingToken ??= requestAccessToken(endpoint.tokenUrl, credentials.clientId, credentials.clientSecret, this.timeoutMs)
      .then((token) => (this.token = token))
      .finally(() => (this.pendingToken = undefined));
    return (await this.pendingToken).value;
  }

  private exchange(method: string, path: string, fullPath: string, body: string, headers: Record<string, string>): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const request = https.request(
        { host: this.client.host, port: this.client.port, method, path: fullPath, headers, agent: this.agent, timeout: this.timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', (cause) => reject(networkError(method, path, cause)));
        },
      );
      request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      request.on('error', (cause) => reject(networkError(method, path, cause)));
      if (body) request.write(body);
      request.end();
    });
  }

  private interpret<T>(method: string, path: string, raw: RawResponse, schema: z.ZodMiniType<T>): ApiResponse<T> {
    const queryId = headerValue(raw.headers['x-ovh-queryid']);
    let parsed: unknown = null;
    let parseFailed = false;
    if (raw.text.trim() !== '') {
      try {
        parsed = JSON.parse(raw.text);
      } catch {
        parseFailed = true;
      }
    }
    if (raw.status < 200 || raw.status > 299) {
      const classified = classifyHttpError(raw.status, parseFailed ? raw.text : parsed);
      throw new OvhApiError({
        ...classified,
        method,
        path,
        status: raw.status,
        queryId,
        retryAfterSeconds: parseRetryAfter(headerValue(raw.headers['retry-after'])),
      });
    }
    if (parseFailed) throw new OvhApiError({ kind: 'malformedResponse', method, path, status: raw.status, queryId });
    const result = schema.safeParse(parsed);
    if (!result.success) {
      throw new OvhApiError({ kind: 'schemaMismatch', method, path, status: raw.status, queryId, schemaPath: schemaIssuePath(result.error.issues) });
    }
    return { data: result.data, status: raw.status, headers: raw.headers };
  }
}

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

const timeSchema = z.number();

function cancelled(method: string, path: string): OvhApiError {
  return new OvhApiError({ kind: 'cancelled', method, path });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Same encoding as the `ovh` package (querystring.stringify): booleans as true/false. */
function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** OVH's clients send non-ASCII as \uXXXX escapes; signing must see the same bytes as the wire. */
function escapeNonAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

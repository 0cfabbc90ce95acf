import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import * as https from 'node:https';
import type { ServiceRecord } from '../../sandbox/model';
import type { Sandbox } from '../../sandbox/server';

/** A tiny HTTPS client for the sandbox tests: signs like OVH's clients, or not at all. */

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed body; undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export function request(url: string, options: RequestOptions = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : (JSON.parse(text) as unknown);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    }
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function sign(secret: string, consumerKey: string, method: string, url: string, body: string, timestamp: number | string): string {
  return '$1$' + createHash('sha1').update([secret, consumerKey, method, url, body, timestamp].join('+')).digest('hex');
}

export interface CallOptions {
  body?: unknown;
  consumerKey?: string;
  applicationKey?: string;
  applicationSecret?: string;
  /** Defaults to the sandbox's current time. */
  timestamp?: number;
  /** Replaces the computed signature. */
  signature?: string;
  /** Signs the URL without its port, as node-ovh does. */
  signWithoutPort?: boolean;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export function serverTime(sb: Sandbox): number {
  return Math.floor(Date.now() / 1000) + sb.config.clockOffsetSeconds;
}

/** A signed call to `/1.0${path}` (path may carry a query string). */
export function call(sb: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const url = `${sb.url}${path}`;
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  const consumerKey = options.consumerKey ?? sb.consumerKey;
  const timestamp = options.timestamp ?? serverTime(sb);
  const signedUrl = options.signWithoutPort ? url.replace(`:${sb.port}`, '') : url;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Ovh-Application': options.applicationKey ?? sb.applicationKey,
    'X-Ovh-Consumer': consumerKey,
    'X-Ovh-Timestamp': String(timestamp),
    'X-Ovh-Signature': options.signature ?? sign(options.applicationSecret ?? sb.applicationSecret, consumerKey, method, signedUrl, body, timestamp),
    ...options.headers,
  };
  return request(url, { method, headers, body: body === '' ? undefined : body, timeoutMs: options.timeoutMs });
}

/** Shortcut for a signed call that must succeed; returns the parsed body. */
export async function ok<T = unknown>(sb: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<T> {
  const res = await call(sb, method, path, options);
  if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
  return res.json as T;
}

export function admin(sb: Sandbox, method: string, path: string, body?: unknown): Promise<Response> {
  return request(`${sb.origin}/__sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Minimal typings for the parts of node-ovh the tests use (the package ships none). */
export interface OvhClient {
  requestPromised(method: string, path: string, params?: Record<string, unknown>): Promise<unknown>;
}
export type OvhFactory = (params: Record<string, unknown>) => OvhClient;

export interface ServiceView {
  serviceId: number;
  parentServiceId: number | null;
  route: { path: string; url: string } | null;
  resource: { displayName: string; name: string; state: string };
  billing: {
    expirationDate: string;
    renew: { current: { mode: string; period: string | null }; capacities: { mode: string[] } } | null;
    lifecycle: { current: { state: string; pendingActions: string[] } };
  };
}

export interface RenewDescription {
  renewPeriod: string;
  strategies: {
    services: number[];
    price: { value: number; currencyCode: string; text: string; priceInUcents: number };
    priceInUcents: number;
    servicesDetails: { serviceId: number; serviceType: string }[];
  }[];
}

/** Polls an asynchronous condition every few milliseconds until it holds, or fails naming it. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A domain of the sandbox's account an order can renew alone: active, in no bundle, not renewed only automatically. */
export function renewableDomain(sb: Sandbox): ServiceRecord {
  const s = sb.state.services.find((x) => x.kind === 'domain' && x.bundleId === null && x.lifecycleState === 'active' && !x.automaticOnly);
  if (!s) throw new Error('no renewable domain');
  return s;
}

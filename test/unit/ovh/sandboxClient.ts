import { OvhApi, parseCustomEndpoint, type Credentials, type TransportOptions } from '../../../src/ovh';

/** Transport options for the sandbox's ready consumer key, fast retries. */
export function apiOptions(sb: Sandbox): TransportOptions {
  const parsed = parseCustomEndpoint(sb.url, sb.tokenUrl);
  if (!parsed.ok) throw new Error(`bad sandbox url ${sb.url}`);
  return {
    endpoint: parsed.endpoint,
    credentials: { kind: 'appKey', applicationKey: sb.applicationKey, applicationSecret: sb.applicationSecret, consumerKey: sb.consumerKey },
    timeoutMs: 5000,
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 50 },
  };
}
import type { Sandbox } from '../../sandbox/server';

/** The extension's API client pointed at an in-process sandbox, with fast retries for tests. */
export function apiFor(
  sb: Sandbox,
  credentials?: Partial<Credentials> & { kind?: Credentials['kind'] },
  options: { timeoutMs?: number; pageSize?: number } = {},
): OvhApi {
  const parsed = parseCustomEndpoint(sb.url, sb.tokenUrl);
  if (!parsed.ok) throw new Error(`bad sandbox url ${sb.url}`);
  const creds: Credentials =
    credentials?.kind === 'oauth2'
      ? { kind: 'oauth2', clientId: sb.clientId, clientSecret: sb.clientSecret, ...credentials }
      : { kind: 'appKey', applicationKey: sb.applicationKey, applicationSecret: sb.applicationSecret, consumerKey: sb.consumerKey, ...(credentials as object) };
  return new OvhApi(
    {
      endpoint: parsed.endpoint,
      credentials: creds,
      timeoutMs: options.timeoutMs ?? 5000,
      retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 50 },
      limiter: { maxConcurrent: 8, initialConcurrent: 8, initialPerSecond: 10_000 },
    },
    options.pageSize,
  );
}

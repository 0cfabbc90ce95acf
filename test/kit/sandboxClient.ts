import { OvhApi, parseCustomEndpoint } from '../../src/ovh';

/**
 * How the tests and the benchmarks reach a sandbox: its API through the extension's client with the sandbox's
 * ready keys (`sandboxApi`), and its control routes (/__sandbox/...: no auth, never logged, never delayed or
 * faulted) through `sandboxAdmin`, the one client of them for every layer that drives a sandbox in another
 * process: the integration tests (test/integration/support/sandbox.ts `admin`), the E2E tests
 * (test/e2e/workbench.ts `sandboxControl`) and the benchmarks (bench/sandbox/sandboxAdmin.ts). The sandbox's own
 * unit tests read raw answers, status included, through test/unit/sandbox/helpers.ts `admin`, and sign their
 * own requests there.
 */

/** What a sandbox tells its tests: its API's URL and its ready application and consumer keys. */
export interface SandboxKeys {
  readonly url: string;
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
}

/**
 * The extension's API client (default timeout, retries and limiter) signed with the sandbox's keys, as the
 * extension calls a custom endpoint; `pageSize` as OvhApi takes it. The caller disposes of it.
 */
export function sandboxApi(sandbox: SandboxKeys, pageSize?: number): OvhApi {
  const parsed = parseCustomEndpoint(sandbox.url);
  if (!parsed.ok) throw new Error(`the sandbox URL ${sandbox.url} does not parse: ${parsed.problem}`);
  const { applicationKey, applicationSecret, consumerKey } = sandbox;
  return new OvhApi({ endpoint: parsed.endpoint, credentials: { kind: 'appKey', applicationKey, applicationSecret, consumerKey } }, pageSize);
}

export type SandboxAdminMethod = 'GET' | 'POST' | 'DELETE';

export interface SandboxAdminOptions {
  /** How many times to try when the connection fails (refused, reset); an HTTP error is never tried again. Default 1. */
  readonly attempts?: number;
  /** The wait between two tries. */
  readonly retryDelayMs?: number;
}

/**
 * Calls `method /__sandbox/<path>` on the sandbox at `origin` (https://127.0.0.1:PORT), with `body` as JSON;
 * returns the answer's JSON (undefined for an empty answer) and throws on any status but 2xx.
 */
export async function sandboxAdmin<T = unknown>(
  origin: string,
  method: SandboxAdminMethod,
  path: string,
  body?: unknown,
  options: SandboxAdminOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(`${origin}/__sandbox/${path}`, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (attempt >= attempts) throw new Error(`sandbox admin ${method} ${path}: ${describe(error)}`);
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 0));
      continue;
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox admin ${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** fetch() hides the socket error in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/**
 * The one client of the sandbox's control routes (/__sandbox/...: no auth, never logged, never delayed or
 * faulted) for every layer that drives a sandbox in another process: the integration tests
 * (test/integration/support/sandbox.ts `admin`), the E2E tests (test/e2e/workbench.ts `sandboxControl`) and the
 * benchmarks (bench/sandbox/sandboxAdmin.ts). The sandbox's own unit tests read raw answers, status included,
 * through test/unit/sandbox/helpers.ts `admin`.
 */

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

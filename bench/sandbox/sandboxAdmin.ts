import type { SandboxInfo } from '../../test/harness/sandboxProcess';
import type { LoggedRequest } from '../../test/sandbox/requestLog';

export interface SandboxConfigPatch {
  readonly pagination?: boolean;
  readonly rateLimitPerSecond?: number | null;
  /** The sandbox's copy of OVH's list cache; 0 turns it off. */
  readonly listCacheSeconds?: number;
}

/** The sandbox's control routes (/__sandbox/..., never logged), from the bench process. */
export class SandboxAdmin {
  readonly origin: string;

  constructor(readonly info: SandboxInfo) {
    this.origin = new URL(info.url).origin;
  }

  async requests(): Promise<LoggedRequest[]> {
    return (await this.call<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', 'requests');
  }

  async configure(patch: SandboxConfigPatch): Promise<void> {
    await this.call('POST', 'config', patch);
  }

  /** Control calls are idempotent: a connection refused or reset (a run just killed its client) is tried again. */
  private async call<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${this.origin}/__sandbox/${path}`, {
          method,
          headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        if (attempt >= ATTEMPTS) throw new Error(`sandbox admin ${method} ${path}: ${describe(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        continue;
      }
      const text = await response.text();
      if (!response.ok) throw new Error(`sandbox admin ${method} ${path} → ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    }
  }
}

const ATTEMPTS = 4;
const RETRY_DELAY_MS = 500;

/** fetch() hides the socket error in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

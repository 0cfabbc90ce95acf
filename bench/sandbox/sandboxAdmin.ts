import type { SandboxInfo } from '../../test/harness/sandboxProcess';
import { sandboxAdmin, type SandboxAdminMethod } from '../../test/kit/sandboxClient';
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
  private call<T = unknown>(method: SandboxAdminMethod, path: string, body?: unknown): Promise<T> {
    return sandboxAdmin<T>(this.origin, method, path, body, { attempts: 4, retryDelayMs: 500 });
  }
}

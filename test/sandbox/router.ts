import type { IncomingHttpHeaders } from 'node:http';
import type { AuthResult } from './auth';
import type { SandboxCore } from './core';

/** A JSON reply; `raw` bypasses JSON serialisation (HTML pages, redirects). */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: { contentType: string; text: string };
}

/**
 * none: public (/auth/time); application: X-Ovh-Application only (/auth/credential);
 * signed: full auth and access rules; self: full auth without the access rules, for the
 * calls about the credential itself (assumed always allowed, as OVH does not document it);
 * status: like self, and a key that is not validated (pending, refused, expired) may still
 * read its own status, so a client waiting for the user's approval can poll it.
 */
export type AuthMode = 'none' | 'application' | 'signed' | 'self' | 'status';

export interface ApiContext {
  readonly core: SandboxCore;
  readonly method: string;
  readonly apiPath: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body, undefined when empty. */
  readonly body: unknown;
  readonly nowMs: number;
  readonly auth: AuthResult | null;
}

export type Handler = (ctx: ApiContext) => Reply;

export interface Route {
  readonly method: string;
  readonly template: string;
  readonly auth: AuthMode;
  readonly handler: Handler;
  readonly regex: RegExp;
  readonly keys: readonly string[];
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, auth: AuthMode, handler: Handler): this {
    const keys: string[] = [];
    const source = template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, template, auth, handler, regex: new RegExp(`^${source}$`), keys });
    return this;
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1] ?? '')));
      return { route, params };
    }
    return undefined;
  }
}

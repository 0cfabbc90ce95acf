import { pathMatches } from './patterns';

/**
 * Requests held until a test releases them, set through /__sandbox/holds: how a test forces
 * the order of events it relies on (e.g. "the loading state is drawn before the options
 * arrive") instead of hoping a busy machine keeps it.
 */
export interface HoldRule {
  readonly id: number;
  readonly method?: string;
  readonly path: string;
  /** Requests that matched this rule and are waiting for its release. */
  waiting: number;
}

export class HoldRegistry {
  private rules: HoldRule[] = [];
  private readonly releases = new Map<number, Array<() => void>>();
  private nextId = 1;

  add(spec: { method?: string; path: string }): HoldRule {
    const rule: HoldRule = { id: this.nextId++, path: spec.path, waiting: 0, ...(spec.method ? { method: spec.method.toUpperCase() } : {}) };
    this.rules.push(rule);
    this.releases.set(rule.id, []);
    return rule;
  }

  list(): readonly HoldRule[] {
    return this.rules;
  }

  /** Resolves at once when no rule matches; otherwise when the matching rule is released. */
  wait(method: string, fullPath: string, apiPath: string | null): Promise<void> {
    const rule = this.rules.find((r) => (r.method === undefined || r.method === method) && pathMatches(r.path, fullPath, apiPath));
    if (!rule) return Promise.resolve();
    rule.waiting++;
    return new Promise((resolve) => this.releases.get(rule.id)?.push(resolve));
  }

  /** Lets the held requests of one rule (or of every rule) go on; the rule is removed. False for an unknown id. */
  release(id?: number): boolean {
    const released = this.rules.filter((r) => id === undefined || r.id === id);
    if (id !== undefined && released.length === 0) return false;
    this.rules = this.rules.filter((r) => !released.includes(r));
    for (const rule of released) {
      for (const resume of this.releases.get(rule.id) ?? []) resume();
      this.releases.delete(rule.id);
    }
    return true;
  }
}

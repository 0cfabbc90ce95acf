/** What the sandbox answered, for tests and benchmarks that count calls per route. */
export interface LoggedRequest {
  method: string;
  path: string;
  /** Route template such as `/service/{serviceId}/renew`, null when no route matched. */
  route: string | null;
  /** 0 when a fault closed or held the connection without an answer. */
  status: number;
  at: string;
  durationMs: number;
  fault?: string;
}

/** Oldest entries are dropped beyond this, so a long demo does not grow without bound. */
const MAX_ENTRIES = 20_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private readonly perRoute = new Map<string, number>();

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    const key = `${entry.method} ${entry.route ?? entry.path}`;
    this.perRoute.set(key, (this.perRoute.get(key) ?? 0) + 1);
  }

  requests(): readonly LoggedRequest[] {
    return this.entries;
  }

  /** Counts keyed by `METHOD /route/{template}`, since the last reset (never trimmed). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.perRoute);
  }

  count(method: string, route: string): number {
    return this.perRoute.get(`${method} ${route}`) ?? 0;
  }

  reset(): void {
    this.entries = [];
    this.perRoute.clear();
  }
}

import type { LoggedRequest } from '../../test/sandbox/requestLog';
import { peakInWindow } from '../shared/stats';

/** What a run cost on the wire, from the sandbox's own log (ground truth, retries included). */
export interface RequestStats {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
  readonly tooManyRequests: number;
  /** Most requests that reached the sandbox within any one second. */
  readonly peakPerSecond: number;
}

export function requestStats(requests: readonly LoggedRequest[]): RequestStats {
  const byRoute: Record<string, number> = {};
  for (const entry of requests) {
    const key = `${entry.method} ${entry.route ?? entry.path}`;
    byRoute[key] = (byRoute[key] ?? 0) + 1;
  }
  return {
    total: requests.length,
    byRoute,
    tooManyRequests: requests.filter((entry) => entry.status === 429).length,
    peakPerSecond: peakInWindow(
      requests.map((entry) => Date.parse(entry.at)),
      1000,
    ),
  };
}

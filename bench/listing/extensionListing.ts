import type { LimiterOptions } from '../../src/ovh/limiter';
import { DEFAULT_LIMITS } from '../../src/ovh/transport';
import type { ListingRun, ListingVariant } from '../report/results';
import { requestStats } from '../sandbox/requestStats';
import type { SandboxAdmin } from '../sandbox/sandboxAdmin';
import { median } from '../shared/stats';
import { extensionClient } from './extensionClient';

export interface ExtensionListingSpec {
  readonly variant: Exclude<ListingVariant, 'baseline'>;
  readonly label: string;
  /** false: the sandbox ignores X-Pagination-Mode, so the client falls back to one GET per id. */
  readonly pagination: boolean;
  /** Injected into the transport; the extension's DEFAULT_LIMITS otherwise. */
  readonly limiter?: LimiterOptions;
  readonly serverRateLimit: number | null;
  readonly repeats: number;
}

/** `OvhApi.listServices()`, the code the extension runs, timed from call to result. */
export async function measureExtensionListing(admin: SandboxAdmin, n: number, spec: ExtensionListingSpec): Promise<ListingRun> {
  // Every repeat measures a full listing, not the sandbox's copy of OVH's list cache.
  await admin.configure({ pagination: spec.pagination, rateLimitPerSecond: spec.serverRateLimit, listCacheSeconds: 0 });
  const walls: number[] = [];
  let last: Omit<ListingRun, 'wallMs' | 'wallSamplesMs'> | undefined;
  try {
    for (let repeat = 0; repeat < spec.repeats; repeat++) {
      // A fresh one-second window for the sandbox's rate limit.
      if (spec.serverRateLimit !== null) await new Promise((resolve) => setTimeout(resolve, 1100));
      await admin.clearRequests();
      const api = extensionClient(admin.info, spec.limiter);
      let servicesListed = 0;
      let error: string | undefined;
      const started = performance.now();
      try {
        const listing = await api.listServices();
        servicesListed = listing.services.length + listing.unreadable.length;
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      } finally {
        api.dispose();
      }
      walls.push(performance.now() - started);
      const stats = requestStats(await admin.requests());
      last = {
        n,
        variant: spec.variant,
        label: spec.label,
        limiter: spec.limiter ?? DEFAULT_LIMITS,
        serverRateLimit: spec.serverRateLimit,
        requests: stats.total,
        stats,
        servicesListed,
        ...(error ? { error } : {}),
      };
      if (error) break;
    }
  } finally {
    await admin.configure({ pagination: true, rateLimitPerSecond: null });
  }
  return { ...last!, wallMs: median(walls), ...(walls.length > 1 ? { wallSamplesMs: walls } : {}) };
}

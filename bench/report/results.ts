import type { BatchPreviewResult } from '../batch/batchPreview';
import type { OutlookBenchResult } from '../outlook/outlookBench';
import type { LimiterOptions } from '../../src/ovh/limiter';
import type { Contributor } from '../package/bundleContributors';
import type { RequestStats } from '../sandbox/requestStats';
import type { Machine } from '../shared/machine';
import type { HostBenchResult } from '../workbench/hostBench';

/** `fallback`: the adaptive pace against a rate-limited server; `fallbackNoServerLimit`: the same without a limit; `fallbackUnpaced`: 8 in flight from the start, no pacing, against the limited server. */
export type ListingVariant = 'paginated' | 'fallback' | 'fallbackNoServerLimit' | 'fallbackUnpaced' | 'baseline';

/** One listing of N services, measured against a sandbox in its own process. */
export interface ListingRun {
  readonly n: number;
  readonly variant: ListingVariant;
  readonly label: string;
  /** The limiter the extension's client ran with (the transport's DEFAULT_LIMITS unless injected); absent for the baseline. */
  readonly limiter?: LimiterOptions;
  /** The sandbox's 429 threshold during the run, requests per second (null: none). */
  readonly serverRateLimit: number | null;
  readonly wallMs: number;
  /** Every wall time measured, when the run was repeated (wallMs is their median). */
  readonly wallSamplesMs?: readonly number[];
  /** Requests a complete listing makes: measured, or counted from the id list when extrapolated. */
  readonly requests: number;
  /** The sandbox log of what was actually sent (only the sample when extrapolated). */
  readonly stats: RequestStats;
  readonly servicesListed: number;
  /** Set when only part of the listing was timed and the rest extrapolated. */
  readonly extrapolatedFrom?: number;
  /** Set when the listing failed (e.g. rate limited beyond its retries). */
  readonly error?: string;
}

export interface ListingSize {
  readonly n: number;
  readonly latencyMs: number;
  /** Median of sequential single GETs by the extension's client: one round trip in this run. */
  readonly roundTripMs: number;
  readonly runs: readonly ListingRun[];
}

export interface SizeResults {
  readonly bundleBytes: number;
  readonly vsixBytes: number;
  readonly contributors: readonly Contributor[];
  readonly directDependencies: readonly Contributor[];
  /** Largest files in the .vsix, uncompressed. */
  readonly largestPackagedFiles: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
}

export interface BenchResults {
  readonly kind: 'full' | 'quick';
  readonly startedAt: string;
  readonly durationMs: number;
  readonly machine: Machine;
  readonly listing: readonly ListingSize[];
  readonly sizes?: SizeResults;
  readonly host?: HostBenchResult;
  /** Preview of 50 services in the batch panel next to 50 single-panel previews. */
  readonly batchPreview?: BatchPreviewResult;
  /** The Renewal Outlook next to the tree's first paint, from the same cached listing. */
  readonly outlook?: OutlookBenchResult;
  readonly notes: readonly string[];
}

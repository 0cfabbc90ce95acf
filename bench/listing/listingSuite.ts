import { FULL, SERVER_RATE_LIMIT, UNPACED_LIMITER } from '../config';
import type { ListingRun, ListingSize } from '../report/results';
import { withSandbox } from '../sandbox/sandboxRun';
import type { ExtensionListingSpec } from './extensionListing';
import { runInWorker } from './runInWorker';

export interface ListingPlan {
  readonly sizes: readonly number[];
  readonly latencyMs: number;
  readonly fullBaseline: boolean;
  readonly log: (line: string) => void;
}

/** Every listing variant at each size, all against one sandbox per size, so ratios come from the same run. */
export async function runListingSuite(plan: ListingPlan): Promise<ListingSize[]> {
  const results: ListingSize[] = [];
  for (const n of plan.sizes) {
    results.push(
      await withSandbox({ services: n, latencyMs: plan.latencyMs }, async ({ info: sandbox }) => {
        const extension = (spec: ExtensionListingSpec): Promise<ListingRun> => runInWorker({ kind: 'extension', sandbox, n, spec });
        const step = async (what: string, measure: () => Promise<ListingRun>): Promise<ListingRun> => {
          plan.log(`listing ${n}: ${what}…`);
          const run = await measure();
          plan.log(`listing ${n}: ${what}: ${run.requests} requests in ${Math.round(run.wallMs)} ms${run.error ? ` (failed: ${run.error})` : ''}`);
          return run;
        };
        const roundTripMs = await runInWorker({ kind: 'roundTrip', sandbox });
        plan.log(`listing ${n}: one round trip ${roundTripMs.toFixed(1)} ms`);
        const runs: ListingRun[] = [];
        runs.push(
          await step('paginated', () =>
            extension({ variant: 'paginated', label: 'extension, paginated', pagination: true, serverRateLimit: null, repeats: FULL.paginatedRepeats }),
          ),
        );
        runs.push(
          await step(`fallback (adaptive pace), server limit ${SERVER_RATE_LIMIT}/s`, () =>
            extension({
              variant: 'fallback',
              label: `extension, fallback (adaptive pace), server limit ${SERVER_RATE_LIMIT}/s`,
              pagination: false,
              serverRateLimit: SERVER_RATE_LIMIT,
              repeats: 1,
            }),
          ),
        );
        runs.push(
          await step('fallback (adaptive pace), no server limit', () =>
            extension({
              variant: 'fallbackNoServerLimit',
              label: 'extension, fallback (adaptive pace), no server limit',
              pagination: false,
              serverRateLimit: null,
              repeats: 1,
            }),
          ),
        );
        if (n === FULL.rateLimitedProbeAt) {
          runs.push(
            await step(`fallback (8 in flight, unpaced) vs a ${SERVER_RATE_LIMIT}/s server`, () =>
              extension({
                variant: 'fallbackUnpaced',
                label: `extension, fallback (8 in flight, unpaced), server limit ${SERVER_RATE_LIMIT}/s`,
                pagination: false,
                limiter: UNPACED_LIMITER,
                serverRateLimit: SERVER_RATE_LIMIT,
                repeats: 1,
              }),
            ),
          );
        }
        const sample = !plan.fullBaseline && n > FULL.baselineSampleAbove ? FULL.baselineSampleAbove : undefined;
        runs.push(
          await step(sample ? `baseline (${sample} timed, rest extrapolated)` : 'baseline', () =>
            runInWorker({ kind: 'baseline', sandbox, n, ...(sample ? { sample } : {}) }),
          ),
        );
        return { n, latencyMs: plan.latencyMs, roundTripMs, runs };
      }),
    );
  }
  return results;
}

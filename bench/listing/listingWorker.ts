import type { ListingRun } from '../report/results';
import { SandboxAdmin } from '../sandbox/sandboxAdmin';
import { measureBaseline } from './baselineListing';
import { measureExtensionListing } from './extensionListing';
import type { ListingJob } from './listingJob';
import { measureRoundTrip } from './roundTrip';

/**
 * Child process for one listing measurement. A listing that fails leaves its
 * other requests queued in the client's limiter (nothing cancels them), still
 * sending for minutes; the parent kills this process once it has the result, so
 * they cannot leak into the next measurement.
 */
async function run(job: ListingJob): Promise<ListingRun | number> {
  const admin = new SandboxAdmin(job.sandbox);
  if (job.kind === 'roundTrip') return measureRoundTrip(admin);
  if (job.kind === 'baseline') return measureBaseline(admin, job.n, job.sample);
  return measureExtensionListing(admin, job.n, job.spec);
}

process.once('message', (job: ListingJob) => {
  run(job).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

import type { SandboxInfo } from '../../test/harness/sandboxProcess';
import type { ExtensionListingSpec } from './extensionListing';

/** One listing measurement, run in a child process by listing/listingWorker.ts. */
export type ListingJob =
  | { readonly kind: 'extension'; readonly sandbox: SandboxInfo; readonly n: number; readonly spec: ExtensionListingSpec }
  | { readonly kind: 'baseline'; readonly sandbox: SandboxInfo; readonly n: number; readonly sample?: number }
  | { readonly kind: 'roundTrip'; readonly sandbox: SandboxInfo };

import type { SizeResults } from '../report/results';
import { bundleContributors, directDependencyWeights } from './bundleContributors';
import type { StagedPackage } from './stagedPackage';

export function sizeResults(staged: StagedPackage): SizeResults {
  const contributors = bundleContributors(staged.metafilePath);
  return {
    bundleBytes: staged.bundleBytes,
    vsixBytes: staged.vsixBytes,
    contributors,
    directDependencies: directDependencyWeights(staged.metafilePath, contributors),
    largestPackagedFiles: staged.packagedFiles.slice(0, 10),
  };
}

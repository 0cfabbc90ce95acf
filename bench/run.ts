import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../test/harness/paths';
import { batchPreviewLines, runBatchPreviewBench } from './batch/batchPreview';
import { FULL } from './config';
import { runListingSuite } from './listing/listingSuite';
import { outlookLines, runOutlookBench } from './outlook/outlookBench';
import { sizeResults } from './package/sizeResults';
import { buildStagedPackage } from './package/stagedPackage';
import { contributorsTable, goalsTable, hostDetails, listingNotes, listingTable, packagedFilesTable } from './report/tables';
import { kib } from './report/format';
import type { BenchResults, SizeResults } from './report/results';
import { withSandbox } from './sandbox/sandboxRun';
import { currentLoad, machine } from './shared/machine';
import { ensureSandboxCa } from './shared/sandboxCa';
import { runHostBench, type HostBenchResult } from './workbench/hostBench';

/**
 * `npm run bench`: listing at 100, 1000 and 5000 services with 25 ms latency
 * (paginated, fallback, sequential baseline), bundle and package sizes, then the
 * installed .vsix in code-server's extension host (activation, network at start-up,
 * heap for 5000 services, renew panel to interactive), and the batch panel's preview of
 * 50 services next to 50 single-panel previews. Prints the tables and
 * writes bench/results.json.
 *
 *   --sizes 100,1000        only these listing sizes
 *   --full-baseline         time the whole 5000 baseline instead of a sample
 *   --skip-listing, --skip-outlook, --skip-workbench, --skip-batch
 *   --verbose               the workbench's and code-server's own logs
 */
const RESULTS = path.join(projectRoot, 'bench', 'results.json');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const flag = (name: string): boolean => process.argv.includes(name);
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  ensureSandboxCa();
  const started = Date.now();
  const loadAtStart = currentLoad();
  const sizes = option('--sizes')?.split(',').map(Number) ?? [...FULL.sizes];
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error('--sizes expects positive integers, e.g. --sizes 100,1000');
  const notes: string[] = [];

  const listing = flag('--skip-listing') ? [] : await runListingSuite({ sizes, latencyMs: FULL.latencyMs, fullBaseline: flag('--full-baseline'), log });
  const batchPreview = flag('--skip-batch') ? undefined : await runBatchPreviewBench({ services: 50, latencyMs: FULL.latencyMs, log });
  const outlook = flag('--skip-outlook') ? undefined : await runOutlookBench(FULL.host.services, log);

  log('production build and .vsix (in a copy of the working tree)…');
  const staged = await buildStagedPackage();
  let packageSizes: SizeResults;
  let host: HostBenchResult | undefined;
  try {
    packageSizes = sizeResults(staged);
    if (!flag('--skip-workbench')) {
      log('code-server: sign in, then fresh extension hosts on the same profile…');
      const spec = FULL.host;
      host = await withSandbox({ services: spec.services, latencyMs: spec.latencyMs }, (sandbox) =>
        runHostBench({ vsix: staged.vsixPath, sandbox, ...spec, verbose: flag('--verbose') }),
      );
      if (host.heap && !host.heap.gcAvailable)
        notes.push('No GC could be forced in the extension host: heap numbers are the best of several rounds and include garbage.');
    }
  } finally {
    staged.dispose();
  }

  const results: BenchResults = {
    kind: 'full',
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine: machine(loadAtStart),
    listing,
    sizes: packageSizes,
    ...(host ? { host } : {}),
    ...(batchPreview ? { batchPreview } : {}),
    ...(outlook ? { outlook } : {}),
    notes,
  };
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  print(results);
  log(`results in ${path.relative(process.cwd(), RESULTS)} after ${Math.round(results.durationMs / 1000)} s`);
}

function print(results: BenchResults): void {
  const { machine: m } = results;
  const load = `load average ${m.loadAverage[0].toFixed(1)} at the start, ${m.loadAverage[1].toFixed(1)} at the end`;
  const out: string[] = [`OVHcloud Renewals benchmark, ${results.startedAt} (${m.cpus} × ${m.cpuModel}, Node ${m.node}; ${load})`, ''];
  if (results.listing.length > 0) {
    out.push(`Listing, ${FULL.latencyMs} ms latency per request`, '', listingTable(results.listing), '');
    for (const note of listingNotes(results.listing)) out.push(note);
    out.push('');
  }
  if (results.batchPreview) out.push(...batchPreviewLines(results.batchPreview), '');
  if (results.outlook) out.push(...outlookLines(results.outlook), '');
  out.push('Goals', '', goalsTable(results), '');
  const details = hostDetails(results);
  if (details.length > 0) out.push('Extension host', '', ...details.map((line) => `- ${line}`), '');
  out.push('What dist/extension.js is made of (esbuild metafile, production build)', '', contributorsTable(results), '');
  out.push(`What the .vsix holds (${kib(results.sizes?.vsixBytes ?? 0)} compressed): the largest files`, '', packagedFilesTable(results), '');
  for (const note of results.notes) out.push(note);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

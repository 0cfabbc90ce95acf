import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildOutlookState } from '../../src/outlook/pure/outlookState';
import { OutlookHostMessageSchema } from '../../src/protocol/outlook';
import { projectRoot } from '../../test/harness/paths';
import { makeCachedListing, readCachedListing } from '../../src/core/listing/cachedListing';
import { layoutServices } from '../../src/views/pure/layout';
import { NO_FILTER } from '../../src/views/pure/viewOptions';
import { extensionClient } from '../listing/extensionClient';
import { withSandbox } from '../sandbox/sandboxRun';
import { median, minimum } from '../shared/stats';

/**
 * The Renewal Outlook for a large account, from the listing cache that the Services view
 * keeps in globalState, next to the tree's own first paint from the same cache, in the
 * same process and run. Both are measured the same way: from the cached JSON to what
 * is handed to VS Code (the tree's laid-out nodes; the outlook's message to its
 * webview, serialized and checked against the protocol as the webview does). The
 * sandbox's request log shows what the outlook asked OVH for: nothing.
 */

export interface OutlookBenchResult {
  readonly services: number;
  readonly rounds: number;
  readonly treeFirstPaintMs: number;
  readonly outlookFirstPaintMs: number;
  readonly outlook36Ms: number;
  readonly treeMinMs: number;
  readonly outlookMinMs: number;
  readonly messageBytes: number;
  /** Requests that reached the sandbox while the outlook was built (after the listing was cached). */
  readonly requests: number;
  /** The outlook webview bundle, minified, and what the chart code takes of it. */
  readonly bundleBytes: number;
  readonly chartBytes: number;
}

const ROUNDS = 7;

async function bundleCost(): Promise<{ bundleBytes: number; chartBytes: number }> {
  const result = await esbuild.build({
    entryPoints: [path.join(projectRoot, 'src', 'webview', 'outlook', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const chartBytes = Object.entries(output.inputs)
    .filter(([input]) => /webview\/outlook\/chart\.ts$/.test(input))
    .reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
  return { bundleBytes: result.outputFiles[0]!.contents.byteLength, chartBytes };
}

export async function runOutlookBench(services: number, log: (line: string) => void): Promise<OutlookBenchResult> {
  return withSandbox({ services, latencyMs: 0 }, async (admin) => {
    const api = extensionClient(admin.info);
    let cachedText: string;
    try {
      const listing = await api.listServices();
      cachedText = JSON.stringify(makeCachedListing(listing.services, listing.unreadable, Date.now()));
    } finally {
      api.dispose();
    }
    await admin.clearRequests();
    log(`outlook: ${services} services from a ${Math.round(cachedText.length / 1024)} KiB cached listing, ${ROUNDS} rounds…`);
    const now = new Date();
    const tree: number[] = [];
    const outlook: number[] = [];
    const outlook36: number[] = [];
    let messageBytes = 0;
    const t = (message: string, ...args: unknown[]): string => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
    const buildFromCache = (span: 12 | 36): number => {
      const started = performance.now();
      const cached = readCachedListing(JSON.parse(cachedText));
      if (!cached) throw new Error('the cached listing does not read back');
      const built = buildOutlookState(
        { services: cached.services.map((service) => ({ accountId: 'bench', service })), loading: false, now, span, locale: 'en' },
        t,
      );
      const message = JSON.stringify({ type: 'state', state: built.state });
      OutlookHostMessageSchema.parse(JSON.parse(message));
      messageBytes = message.length;
      if (built.state.phase !== 'ready') throw new Error(`the outlook is ${built.state.phase}, not ready`);
      return performance.now() - started;
    };
    // One warm-up round of each, not counted: the first run pays for compiling the code.
    buildFromCache(12);
    layoutServices(readCachedListing(JSON.parse(cachedText))!.services, {
      groupBy: 'productType',
      sortBy: 'expiry',
      filter: NO_FILTER,
      now,
      warningDays: 30,
      locale: 'en',
    });
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const cached = readCachedListing(JSON.parse(cachedText));
      const layout = layoutServices(cached!.services, { groupBy: 'productType', sortBy: 'expiry', filter: NO_FILTER, now, warningDays: 30, locale: 'en' });
      if (layout.total !== services) throw new Error(`the tree laid out ${layout.total} services`);
      tree.push(performance.now() - started);
      outlook.push(buildFromCache(12));
      outlook36.push(buildFromCache(36));
    }
    const requests = (await admin.requests()).length;
    return {
      services,
      rounds: ROUNDS,
      treeFirstPaintMs: median(tree),
      outlookFirstPaintMs: median(outlook),
      outlook36Ms: median(outlook36),
      treeMinMs: minimum(tree),
      outlookMinMs: minimum(outlook),
      messageBytes,
      requests,
      ...(await bundleCost()),
    };
  });
}

export function outlookLines(result: OutlookBenchResult): string[] {
  const ratio = result.outlookFirstPaintMs / result.treeFirstPaintMs;
  return [
    `Renewal Outlook, ${result.services} services from the cached listing (median of ${result.rounds}; same process, same cache)`,
    '',
    '| | first paint (cache → VS Code) | best |',
    '|---|---|---|',
    `| Services tree | ${result.treeFirstPaintMs.toFixed(1)} ms | ${result.treeMinMs.toFixed(1)} ms |`,
    `| Renewal Outlook, 12 months | ${result.outlookFirstPaintMs.toFixed(1)} ms (${ratio.toFixed(2)} × the tree) | ${result.outlookMinMs.toFixed(1)} ms |`,
    `| Renewal Outlook, 36 months | ${result.outlook36Ms.toFixed(1)} ms | |`,
    '',
    `- Requests to OVH while building the outlook: ${result.requests}. Message to the webview: ${(result.messageBytes / 1024).toFixed(1)} KiB.`,
    `- Outlook webview bundle: ${(result.bundleBytes / 1024).toFixed(1)} KiB minified, of which the SVG chart code ${(result.chartBytes / 1024).toFixed(1)} KiB; no charting library.`,
    "- The webview's own DOM paint is not in these figures (it draws 12 or 36 bars); the E2E suite shows it in a real workbench.",
  ];
}

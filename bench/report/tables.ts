import { SERVER_RATE_LIMIT } from '../config';
import { kib, markdownTable, ms, ratio } from './format';
import { goalRows, speedUp } from './goals';
import type { BenchResults, ListingRun, ListingSize } from './results';

const RIGHT = new Set([0, 2, 3, 4, 5, 6]);

function requestsCell(run: ListingRun): string {
  return run.extrapolatedFrom === undefined ? String(run.requests) : `${run.requests}*`;
}

function wallCell(run: ListingRun): string {
  if (run.error) return `failed after ${ms(run.wallMs)}`;
  return run.extrapolatedFrom === undefined ? ms(run.wallMs) : `≈ ${ms(run.wallMs)}*`;
}

export function listingTable(listing: readonly ListingSize[]): string {
  const rows = listing.flatMap((size) =>
    size.runs.map((run) => [
      String(size.n),
      run.label,
      requestsCell(run),
      run.serverRateLimit === null ? '–' : String(run.stats.tooManyRequests),
      String(run.stats.peakPerSecond),
      wallCell(run),
      run.variant === 'baseline' ? '1×' : ratio(speedUp(size, run.variant)),
    ]),
  );
  return markdownTable(['N', 'listing', 'requests', '429s', 'peak req/s', 'wall time', 'speed-up vs baseline'], rows, RIGHT);
}

export function listingNotes(listing: readonly ListingSize[]): string[] {
  const trips = listing.map((size) => `${ms(size.roundTripMs)} at N = ${size.n}`).join(', ');
  const notes =
    listing.length > 0 ? [`One round trip (a sequential GET by the extension's client, ${listing[0]!.latencyMs} ms injected latency): ${trips}.`] : [];
  const sampled = listing.flatMap((size) => size.runs.filter((run) => run.extrapolatedFrom !== undefined).map((run) => ({ size, run })));
  for (const { size, run } of sampled) {
    notes.push(
      `* N = ${size.n} baseline: ${run.extrapolatedFrom} of ${size.n} services fetched and timed; the wall time is GET /services plus ${size.n} × their mean (run with --full-baseline to time all of them).`,
    );
  }
  for (const size of listing) {
    for (const run of size.runs.filter((candidate) => candidate.error)) notes.push(`N = ${size.n}, ${run.label}: ${run.error}`);
  }
  notes.push(
    `"429s" is counted where the sandbox enforced ${SERVER_RATE_LIMIT} requests per second ("–": no limit set); peak req/s is the most requests the sandbox received in any one second.`,
  );
  return notes;
}

export function goalsTable(results: BenchResults): string {
  const rows = goalRows(results).map((row) => [
    row.measure,
    row.goal,
    row.measured,
    row.verdict === 'met' ? 'met' : row.verdict === 'missed' ? '**missed**' : 'not measured',
  ]);
  return markdownTable(['measure', 'goal', 'measured', ''], rows);
}

export function contributorsTable(results: BenchResults, top = 12): string {
  const sizes = results.sizes;
  if (!sizes) return '';
  const total = sizes.bundleBytes;
  const share = (bytes: number): string => `${((bytes / total) * 100).toFixed(0)} %`;
  const byDependency = markdownTable(
    ['direct dependency (whole tree)', 'bytes in dist/extension.js', 'share'],
    sizes.directDependencies.map((entry) => [entry.name, kib(entry.bytes), share(entry.bytes)]),
    new Set([1, 2]),
  );
  const byPackage = markdownTable(
    ['package or src/ folder', 'bytes in dist/extension.js', 'share'],
    sizes.contributors.slice(0, top).map((entry) => [entry.name, kib(entry.bytes), share(entry.bytes)]),
    new Set([1, 2]),
  );
  return `${byDependency}\n\n${byPackage}`;
}

export function packagedFilesTable(results: BenchResults): string {
  const files = results.sizes?.largestPackagedFiles ?? [];
  return markdownTable(
    ['file in the .vsix', 'size before compression'],
    files.map((file) => [file.path, kib(file.bytes)]),
    new Set([1]),
  );
}

export function hostDetails(results: BenchResults): string[] {
  const host = results.host;
  if (!host) return [];
  const lines: string[] = [];
  host.activations.forEach((window, index) => {
    const { sample } = window;
    const requests = window.sandboxRequests.map((entry) => `${entry.method} ${entry.path}`).join(', ');
    lines.push(
      `extension host ${index + 1}: ${
        sample.alreadyActive
          ? 'already active when the bench started'
          : `activate() ${ms(sample.activateMs)}${sample.loadMs === undefined ? '' : ` (loading dist/extension.js ${ms(sample.loadMs)})`}` +
            (sample.emptyExtensionMs === undefined ? '' : `, an empty extension ${ms(sample.emptyExtensionMs)}`)
      }; ` +
        `${sample.accounts} stored account(s), credentials ${sample.credentialsStored ? 'readable' : 'missing'}; ` +
        `${window.sandboxRequests.length} sandbox request(s)${requests ? ` (${requests})` : ''}; ${sample.sockets.length} socket(s) opened`,
    );
  });
  for (const [index, round] of (host.firstCommands ?? []).entries()) {
    lines.push(
      `extension host ${index + 1}, first command (renew panel): host state ready after ${ms(round.hostReadyMs)}, interactive after ${round.interactiveMs === null ? 'never (timeout)' : ms(round.interactiveMs)}`,
    );
  }
  for (const [index, round] of (host.panel?.rounds ?? []).entries()) {
    lines.push(
      `panel open ${index + 1}: host state ready after ${ms(round.hostReadyMs)}, interactive in the webview after ${round.interactiveMs === null ? 'never (timeout)' : ms(round.interactiveMs)}, ${round.rows} rows`,
    );
  }
  return lines;
}

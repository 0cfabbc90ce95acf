import { runBatchPreviewBench } from './batch/batchPreview';
import { GOALS, QUICK, SERVER_RATE_LIMIT } from './config';
import { runInWorker } from './listing/runInWorker';
import type { StagedPackage } from './package/stagedPackage';
import { kib } from './report/format';
import { withSandbox } from './sandbox/sandboxRun';
import type { HostBenchResult } from './workbench/hostBench';

/** One CI budget: request counts and sizes only, never wall-clock time. */
export interface BudgetResult {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

export async function paginatedBudget(): Promise<BudgetResult> {
  const { n, latencyMs } = QUICK.paginated;
  const run = await withSandbox({ services: n, latencyMs }, ({ info: sandbox }) =>
    runInWorker({ kind: 'extension', sandbox, n, spec: { variant: 'paginated', label: 'paginated', pagination: true, serverRateLimit: null, repeats: 1 } }),
  );
  const routes = Object.entries(run.stats.byRoute)
    .map(([route, count]) => `${count} × ${route}`)
    .join(', ');
  return {
    name: `paginated listing of ${n} services ≤ ${GOALS.paginatedRequests} requests`,
    passed: !run.error && run.servicesListed === n && run.requests <= GOALS.paginatedRequests,
    detail: run.error ? `failed: ${run.error}` : `${run.requests} requests (${routes}), ${run.servicesListed} services listed`,
  };
}

export async function fallbackBudget(): Promise<BudgetResult> {
  const { n, latencyMs } = QUICK.fallback;
  const run = await withSandbox({ services: n, latencyMs }, ({ info: sandbox }) =>
    runInWorker({
      kind: 'extension',
      sandbox,
      n,
      spec: { variant: 'fallback', label: 'fallback', pagination: false, serverRateLimit: SERVER_RATE_LIMIT, repeats: 1 },
    }),
  );
  const perService = run.stats.byRoute['GET /services/{serviceId}'] ?? 0;
  const lists = run.stats.byRoute['GET /services'] ?? 0;
  const time = run.stats.byRoute['GET /auth/time'] ?? 0;
  const tooMany = run.stats.tooManyRequests;
  // Each 429 is retried once its Retry-After has passed: one more request each, nothing else.
  const exact = perService === n + tooMany && lists === 1 && time <= 1 && run.requests === n + 1 + time + tooMany;
  const share = run.stats.total > 0 ? tooMany / run.stats.total : 1;
  return {
    name: `fallback listing of ${n} services = N + 1 (+ /auth/time, + one retry per 429) requests, ≤ ${GOALS.fallbackTooManyShare * 100} % of answers 429 (sandbox limit ${SERVER_RATE_LIMIT}/s)`,
    passed: !run.error && run.servicesListed === n && exact && share <= GOALS.fallbackTooManyShare,
    detail: run.error
      ? `failed: ${run.error}`
      : `${run.requests} requests (${perService} per service, ${lists} list, ${time} /auth/time), ${tooMany} × 429 (${(share * 100).toFixed(1)} %), peak ${run.stats.peakPerSecond}/s, ${Math.round(run.wallMs)} ms`,
  };
}

/** The batch panel's "Preview all": the renew options and one dry run per service, no 429. */
export async function batchPreviewBudget(): Promise<BudgetResult> {
  const n = 20;
  const result = await runBatchPreviewBench({ services: n, latencyMs: 5, log: () => undefined });
  const { batch } = result;
  return {
    name: `batch preview of ${n} services ≤ 2 requests per service (+ /auth/time), no 429 (sandbox limit ${SERVER_RATE_LIMIT}/s)`,
    passed: batch.previewed === n && batch.perService <= 2 && batch.requests.tooManyRequests === 0,
    detail: `${batch.requests.total} requests (${batch.perService.toFixed(2)} per service), ${batch.previewed}/${n} previewed, ${batch.requests.tooManyRequests} × 429`,
  };
}

export function sizeBudgets(staged: StagedPackage): BudgetResult[] {
  return [
    {
      name: `dist/extension.js (production) ≤ ${kib(GOALS.bundleBytes)}`,
      passed: staged.bundleBytes <= GOALS.bundleBytes,
      detail: `${kib(staged.bundleBytes)} (${staged.bundleBytes} B)`,
    },
    {
      name: `.vsix ≤ ${kib(GOALS.vsixBytes)}`,
      passed: staged.vsixBytes <= GOALS.vsixBytes,
      detail: `${kib(staged.vsixBytes)} (${staged.vsixBytes} B); largest files before compression: ${staged.packagedFiles
        .slice(0, 4)
        .map((file) => `${file.path} ${kib(file.bytes)}`)
        .join(', ')}`,
    },
  ];
}

export function activationNetworkBudget(host: HostBenchResult): BudgetResult {
  const windows = host.activations;
  const requests = windows.flatMap((window) => window.sandboxRequests.map((entry) => `${entry.method} ${entry.path}`));
  const sockets = windows.flatMap((window) => window.sample.sockets.map((socket) => `${socket.host}:${socket.port}`));
  // Without a stored, readable account the check would prove nothing.
  const signedIn = windows.length > 0 && windows.every((window) => window.sample.accounts > 0 && window.sample.credentialsStored);
  return {
    name: 'zero network requests while activating with a stored account (installed .vsix, fresh extension host)',
    passed: signedIn && requests.length === 0 && sockets.length === 0,
    detail: !signedIn
      ? 'no stored account in the fresh extension host: the check could not run'
      : `${requests.length} sandbox requests${requests.length ? ` (${requests.join(', ')})` : ''}, ${sockets.length} sockets opened${sockets.length ? ` (${sockets.join(', ')})` : ''}`,
  };
}

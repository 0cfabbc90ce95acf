import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BatchSession } from '../../src/core/batch/batchSession';
import { JournalFiles } from '../../src/storage/journalFiles';
import { LeaseFiles } from '../../src/core/orders/leaseFiles';
import { OrderJournal } from '../../src/core/orders/orderJournal';
import { RenewSession, type SessionDeps } from '../../src/core/orders/renewSession';
import type { OvhApi, ServiceSummary } from '../../src/ovh';
import { SERVER_RATE_LIMIT } from '../config';
import { extensionClient } from '../listing/extensionClient';
import { requestStats, type RequestStats } from '../sandbox/requestStats';
import type { SandboxAdmin } from '../sandbox/sandboxAdmin';
import { withSandbox } from '../sandbox/sandboxRun';

/**
 * Preview of N services in one batch (one renew session per row, previews run a few at a
 * time through the client's limiter) next to N single-panel previews one after the other
 * (open the panel, load, preview, close), in the same run, against the same sandbox at
 * 25 ms latency with the server answering 429 above its rate limit. Requests and 429s
 * come from the sandbox's own log.
 */
export interface BatchPreviewResult {
  readonly services: number;
  readonly latencyMs: number;
  readonly batch: { readonly ms: number; readonly previewed: number; readonly requests: RequestStats; readonly perService: number };
  readonly sequential: { readonly ms: number; readonly previewed: number; readonly requests: RequestStats; readonly perService: number };
}

const english = (message: string, ...args: Array<string | number | boolean>): string =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const quiet = { info: () => undefined, warn: () => undefined };

/** Services the sandbox renews alone: each row previews one order of its own. */
async function renewable(api: OvhApi, count: number): Promise<ServiceSummary[]> {
  const { services } = await api.listServices();
  const found: ServiceSummary[] = [];
  for (const service of services.filter((candidate) => candidate.parentServiceId === undefined && candidate.lifecycleState !== 'terminated')) {
    const descriptions = await api.listRenewDescriptions(service.serviceId, false).catch(() => []);
    if (
      descriptions.some((description) =>
        description.strategies.some((strategy) => strategy.services.length === 1 && strategy.services[0] === service.serviceId),
      )
    )
      found.push(service);
    if (found.length === count) return found;
  }
  throw new Error(`the sandbox has only ${found.length} services renewable alone, ${count} needed`);
}

function sessionBase(dir: string, api: OvhApi): Omit<SessionDeps, 'serviceId' | 'onState' | 'owner'> {
  const journal = new OrderJournal(new JournalFiles(path.join(dir, 'order-journal')), () => 'bench');
  return {
    accountId: 'bench',
    identity: 'bench',
    api: async () => api,
    journal,
    leases: new LeaseFiles(path.join(dir, 'leases'), () => 60_000),
    confirm: async () => false,
    openExternal: async () => undefined,
    t: english,
    locale: 'en',
    log: quiet,
    onRenewed: () => undefined,
  };
}

async function measure(
  admin: SandboxAdmin,
  count: number,
  work: () => Promise<number>,
): Promise<{ ms: number; previewed: number; requests: RequestStats; perService: number }> {
  await admin.clearRequests();
  const start = performance.now();
  const previewed = await work();
  const ms = performance.now() - start;
  const requests = requestStats(await admin.requests());
  // The client reads OVH's clock once when it starts: not a request per service.
  const perService = (requests.total - (requests.byRoute['GET /auth/time'] ?? 0)) / count;
  return { ms, previewed, requests, perService };
}

export async function runBatchPreviewBench(options: { services: number; latencyMs: number; log: (line: string) => void }): Promise<BatchPreviewResult> {
  const { services: count, latencyMs, log } = options;
  return withSandbox({ services: 3 * count, latencyMs, seed: 7 }, async (admin) => {
    await admin.configure({ rateLimitPerSecond: SERVER_RATE_LIMIT });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-bench-batch-'));
    try {
      const setupApi = extensionClient(admin.info);
      const summaries = await renewable(setupApi, count);
      setupApi.dispose();

      log(`batch preview of ${count} services…`);
      const batchApi = extensionClient(admin.info);
      const batch = await measure(admin, count, async () => {
        const session = new BatchSession({
          ...sessionBase(dir, batchApi),
          batchId: 'bench',
          owner: 'bench/batch',
          services: summaries.map((summary) => ({ serviceId: summary.serviceId, summary })),
          records: new JournalFiles(path.join(dir, 'order-journal')),
          confirm: async () => false,
          onState: () => undefined,
          onRenewed: () => undefined,
          openPanel: async () => undefined,
        });
        await session.start();
        await session.handle({ type: 'previewAll' });
        const previewed = session.current.rows.filter((row) => row.status === 'previewed').length;
        session.dispose();
        return previewed;
      });
      batchApi.dispose();

      log(`${count} single-panel previews, one after the other…`);
      const singleApi = extensionClient(admin.info);
      const sequential = await measure(admin, count, async () => {
        let previewed = 0;
        for (const summary of summaries) {
          const session = new RenewSession({
            ...sessionBase(dir, singleApi),
            serviceId: summary.serviceId,
            owner: `bench/panel${summary.serviceId}`,
            onState: () => undefined,
          });
          await session.start();
          const row = session.optionRows.find((candidate) => candidate.services.length === 1) ?? session.optionRows[0];
          if (row) {
            await session.handle({ type: 'select', key: row.key });
            await session.handle({ type: 'preview' });
          }
          if (session.currentStep.kind === 'previewed') previewed++;
          session.dispose();
        }
        return previewed;
      });
      singleApi.dispose();
      return { services: count, latencyMs, batch, sequential };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** The lines printed next to the other results. */
export function batchPreviewLines(result: BatchPreviewResult): string[] {
  const row = (label: string, part: BatchPreviewResult['batch']): string =>
    `| ${label} | ${Math.round(part.ms)} ms | ${part.previewed}/${result.services} | ${part.requests.total} | ${part.perService.toFixed(2)} | ${part.requests.tooManyRequests} | ${part.requests.peakPerSecond} |`;
  return [
    `Preview of ${result.services} services, ${result.latencyMs} ms latency, server limit ${SERVER_RATE_LIMIT}/s`,
    '',
    '| how | time | previewed | requests | per service | 429 | peak/s |',
    '|---|---|---|---|---|---|---|',
    row('batch panel (Preview all)', result.batch),
    row('single panels, one after the other', result.sequential),
    '',
    `Batch / sequential time: ${(result.batch.ms / result.sequential.ms).toFixed(2)}× (same run). Goal: ≤ 2 requests per service and no 429 in the batch.`,
  ];
}

// `node out/bench/batch/batchPreview.js [N]`: this measure alone.
if (require.main === module) {
  const count = Number(process.argv[2] ?? 50);
  runBatchPreviewBench({ services: count, latencyMs: 25, log: (line) => process.stderr.write(`[bench] ${line}\n`) })
    .then((result) => {
      process.stdout.write(`${batchPreviewLines(result).join('\n')}\n`);
      const ok = result.batch.perService <= 2 && result.batch.requests.tooManyRequests === 0 && result.batch.previewed === count;
      process.exit(ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}

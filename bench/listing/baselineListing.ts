import ovh from 'ovh';
import type { ListingRun } from '../report/results';
import { requestStats } from '../sandbox/requestStats';
import type { SandboxAdmin } from '../sandbox/sandboxAdmin';

/**
 * The baseline, written the way OVH's guide and python-ovh's example list services:
 * the official client (`ovh`, i.e. @ovhcloud/node-ovh), `GET /services` for the ids,
 * then one `GET /services/{id}` after the other. With `sample`, only the first
 * `sample` services are fetched and the rest is extrapolated from their mean.
 */
export async function measureBaseline(admin: SandboxAdmin, n: number, sample?: number): Promise<ListingRun> {
  await admin.configure({ pagination: true, rateLimitPerSecond: null });
  await admin.clearRequests();
  const { info } = admin;
  const url = new URL(info.url);
  const client = ovh({
    appKey: info.applicationKey,
    appSecret: info.applicationSecret,
    consumerKey: info.consumerKey,
    host: url.hostname,
    port: Number(url.port),
    basePath: url.pathname,
  });
  const started = performance.now();
  const ids = (await client.requestPromised('GET', '/services')) as number[];
  const listed = performance.now();
  const fetched = sample !== undefined && sample < ids.length ? ids.slice(0, sample) : ids;
  for (const id of fetched) await client.requestPromised('GET', `/services/${id}`);
  const ended = performance.now();
  const stats = requestStats(await admin.requests());
  const extrapolated = fetched.length < ids.length;
  const perService = (ended - listed) / Math.max(1, fetched.length);
  return {
    n,
    variant: 'baseline',
    label: 'baseline: ovh client, sequential',
    serverRateLimit: null,
    wallMs: extrapolated ? listed - started + perService * ids.length : ended - started,
    requests: stats.total + (ids.length - fetched.length),
    stats,
    servicesListed: ids.length,
    ...(extrapolated ? { extrapolatedFrom: fetched.length } : {}),
  };
}

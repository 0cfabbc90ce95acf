import type { SandboxAdmin } from '../sandbox/sandboxAdmin';
import { median } from '../shared/stats';
import { extensionClient } from './extensionClient';

/**
 * One round trip in this run: the median of sequential `GET /services/{id}` made by
 * the extension's client on a warm connection (injected latency plus everything
 * else: TLS, signing, parsing, validation). The fallback goal is counted in these.
 */
export async function measureRoundTrip(admin: SandboxAdmin, samples = 20): Promise<number> {
  const api = extensionClient(admin.info);
  try {
    const { services } = await api.listServices();
    const id = services[0]?.serviceId;
    if (id === undefined) throw new Error('the sandbox account has no service');
    for (let warm = 0; warm < 3; warm++) await api.getService(id);
    const times: number[] = [];
    for (let index = 0; index < samples; index++) {
      const started = performance.now();
      await api.getService(id);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    api.dispose();
  }
}

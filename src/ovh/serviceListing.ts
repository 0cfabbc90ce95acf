import * as z from 'zod/mini';
import { OvhApiError } from './errors';
import { ServiceSchema } from './schemas';
import { schemaIssuePath } from './schemaIssue';
import { summarizeService, type ServiceSummary } from './serviceSummary';
import type { OvhTransport } from './transport';

/** OVH's "iceberg" pagination: full objects per page instead of an id list. */
const PAGINATION_MODE = 'CachedObjectList-Pages';
export const DEFAULT_PAGE_SIZE = 5000;

export const unknownArray = z.array(z.unknown());

export interface ServiceListing {
  readonly services: ServiceSummary[];
  /** Entries OVH sent that do not match the schema: shown as a warning, never hiding the rest. */
  readonly unreadable: ReadonlyArray<{ readonly serviceId?: number; readonly schemaPath: string }>;
  /** 'pages' when OVH answered with full objects; 'ids' when we had to fetch each service. */
  readonly mode: 'pages' | 'ids';
}

/** Asks for one page of full objects; `fresh` bypasses OVH's list cache (Pragma: no-cache). */
export function pageHeaders(page: number, pageSize: number, fresh = false): Record<string, string> {
  const headers: Record<string, string> = { 'X-Pagination-Mode': PAGINATION_MODE, 'X-Pagination-Number': String(page), 'X-Pagination-Size': String(pageSize) };
  if (fresh) headers.Pragma = 'no-cache';
  return headers;
}

/**
 * Every service of the account, in as few requests as OVH allows: pages of full objects,
 * or one GET per id when OVH ignores the pagination header. `fresh` asks OVH to bypass its
 * server-side list cache (as OVH's own Control Panel does): for an explicit refresh and
 * after a change this extension made.
 */
export async function listAllServices(
  transport: OvhTransport,
  pageSize: number,
  onProgress: ((loaded: number, total: number) => void) | undefined,
  fresh: boolean,
): Promise<ServiceListing> {
  const first = await transport.get('/services', { schema: unknownArray, headers: pageHeaders(1, pageSize, fresh) });
  if (first.data.every((entry) => typeof entry === 'number')) {
    return listServicesOneByOne(transport, first.data as number[], onProgress);
  }
  const total = Number(first.headers['x-pagination-elements'] ?? first.data.length);
  const pageCount = Number.isFinite(total) && total > first.data.length ? Math.ceil(total / pageSize) : 1;
  onProgress?.(first.data.length, total);
  let loaded = first.data.length;
  const rest = await Promise.all(
    Array.from({ length: pageCount - 1 }, async (_, index) => {
      const page = await transport.get('/services', { schema: unknownArray, headers: pageHeaders(index + 2, pageSize, fresh) });
      loaded += page.data.length;
      onProgress?.(loaded, total);
      return page.data;
    }),
  );
  return { ...parseServices([first.data, ...rest].flat()), mode: 'pages' };
}

/** The fallback when OVH ignores the pagination header: one GET per id, bounded by the transport's limiter. */
async function listServicesOneByOne(transport: OvhTransport, ids: number[], onProgress?: (loaded: number, total: number) => void): Promise<ServiceListing> {
  let loaded = 0;
  // The first real failure fails the listing; what is still queued is not sent.
  const abort = new AbortController();
  const results = await Promise.all(
    ids.map(async (id) => {
      try {
        return (await transport.get(`/services/${id}`, { schema: z.unknown(), signal: abort.signal })).data;
      } catch (error) {
        // A service terminated between the two calls is simply gone.
        if (error instanceof OvhApiError && error.kind === 'notFound') return undefined;
        abort.abort();
        throw error;
      } finally {
        onProgress?.(++loaded, ids.length);
      }
    }),
  );
  return { ...parseServices(results.filter((entry) => entry !== undefined)), mode: 'ids' };
}

function parseServices(entries: readonly unknown[]): Omit<ServiceListing, 'mode'> {
  const services: ServiceSummary[] = [];
  const unreadable: Array<{ serviceId?: number; schemaPath: string }> = [];
  for (const entry of entries) {
    const result = ServiceSchema.safeParse(entry);
    if (result.success) {
      services.push(summarizeService(result.data));
    } else {
      const id = (entry as { serviceId?: unknown } | null)?.serviceId;
      unreadable.push({ serviceId: typeof id === 'number' ? id : undefined, schemaPath: schemaIssuePath(result.error.issues) });
    }
  }
  return { services, unreadable };
}

import type { IncomingHttpHeaders } from 'node:http';
import { badRequest } from './errors';
import type { Reply } from './router';

/**
 * OVH "iceberg" pagination on v1 list endpoints. With X-Pagination-Mode the body holds full
 * objects instead of ids. Pages mode reads X-Pagination-Number (1-based) and
 * X-Pagination-Size and reports the total in X-Pagination-Elements; cursor mode hands out
 * X-Pagination-Cursor-Next until the last page.
 */

/** The OVH Control Panel asks for 5000 per page; the sandbox treats that as the ceiling. */
export const MAX_PAGE_SIZE = 5000;

export type PageRequest =
  | { readonly mode: 'CachedObjectList-Pages'; readonly number: number; readonly size: number }
  | { readonly mode: 'CachedObjectList-Cursor'; readonly offset: number; readonly size: number };

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid ${name} header: expected a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

/** null when the request does not ask for pagination (or the sandbox has it switched off). */
export function parsePagination(headers: IncomingHttpHeaders, enabled: boolean): PageRequest | null {
  const mode = header(headers, 'x-pagination-mode');
  if (!enabled || mode === undefined) return null;
  const size = Math.min(positiveInt(header(headers, 'x-pagination-size'), 'X-Pagination-Size', MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  if (mode === 'CachedObjectList-Pages') {
    return { mode, number: positiveInt(header(headers, 'x-pagination-number'), 'X-Pagination-Number', 1), size };
  }
  if (mode === 'CachedObjectList-Cursor') {
    const cursor = header(headers, 'x-pagination-cursor');
    let offset = 0;
    if (cursor !== undefined && cursor !== '') {
      offset = Number(
        Buffer.from(cursor, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      );
      if (!Number.isInteger(offset) || offset < 0) throw badRequest('Invalid X-Pagination-Cursor header');
    }
    return { mode, offset, size };
  }
  throw badRequest(`Invalid X-Pagination-Mode ${JSON.stringify(mode)}: expected CachedObjectList-Pages or CachedObjectList-Cursor`);
}

/** Either the plain id list, or one page of rendered objects with OVH's headers. */
export function listReply<T>(items: readonly T[], page: PageRequest | null, id: (item: T) => number, render: (item: T) => unknown): Reply {
  if (page === null) return { body: items.map(id) };
  const total = String(items.length);
  if (page.mode === 'CachedObjectList-Pages') {
    const start = (page.number - 1) * page.size;
    return {
      body: items.slice(start, start + page.size).map(render),
      headers: { 'X-Pagination-Elements': total, 'X-Pagination-Number': String(page.number), 'X-Pagination-Size': String(page.size) },
    };
  }
  const end = page.offset + page.size;
  const headers: Record<string, string> = { 'X-Pagination-Elements': total, 'X-Pagination-Size': String(page.size) };
  if (end < items.length) headers['X-Pagination-Cursor-Next'] = Buffer.from(`offset:${end}`).toString('base64url');
  return { body: items.slice(page.offset, end).map(render), headers };
}

import { z } from 'zod';
import { AppError } from '../errors';
import { parseOsdiFilter, type OsdiFilter } from './parse-osdi-filter';

export const OSDI_DEFAULT_PER_PAGE = 25;
export const OSDI_MAX_PER_PAGE = 100;

/** How a collection is ordered: by id, or by (modified, id) / (created, id) when filtered by that date. */
export type OsdiOrder = 'id' | 'modified' | 'created';

/** Where the next page starts: the last row's sort key, the page's number, and the total counted on page 1. */
export interface OsdiCursor {
  order: OsdiOrder;
  /** The last row's date (ISO, for the modified/created orders; null for id order). */
  at: string | null;
  /** The last row's id (decimal: signature ids are bigint). */
  id: string;
  /** The number of the page this cursor opens. */
  page: number;
  /** total_records as counted for the first page (not counted again). */
  total: number;
  /** The filter the walk started with (a cursor only continues the walk it came from). */
  filter: string;
}

export interface OsdiCollectionQuery {
  page: number;
  perPage: number;
  filter: OsdiFilter;
  order: OsdiOrder;
  /** The raw `filter`, kept for links. */
  filterText: string;
  cursor: OsdiCursor | null;
}

const cursorSchema = z.object({
  o: z.enum(['id', 'modified', 'created']),
  a: z.string().max(40).nullable(),
  i: z.string().regex(/^\d{1,19}$/),
  p: z.number().int().min(2).max(10_000_000),
  t: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  f: z.string().max(600),
});

export function encodeOsdiCursor(c: OsdiCursor): string {
  return Buffer.from(JSON.stringify({ o: c.order, a: c.at, i: c.id, p: c.page, t: c.total, f: c.filter }), 'utf8').toString('base64url');
}

/** The cursor of a `_links.next`, or null when it is not one of ours. Pure. */
export function decodeOsdiCursor(text: string): OsdiCursor | null {
  if (text.length > 1_000 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) return null;
  const c = parsed.data;
  if (c.a !== null && Number.isNaN(Date.parse(c.a))) return null;
  return { order: c.o, at: c.a, id: c.i, page: c.p, total: c.t, filter: c.f };
}

const pagingSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000_000).catch(1),
  per_page: z.coerce
    .number()
    .int()
    .min(1)
    .transform((n) => Math.min(n, OSDI_MAX_PER_PAGE))
    .catch(OSDI_DEFAULT_PER_PAGE),
});

/**
 * The paging and filter parameters of an authenticated OSDI collection: `page`, `per_page`
 * (default 25; above 100 → 100), `filter` (parseOsdiFilter) and the opaque `cursor` of a
 * `_links.next`. The order follows the filter: modified_date → (modified, id); else created_date →
 * (created, id); else id. Pure. A bad filter or cursor throws AppError `validation` (fields.filter
 * or fields.cursor); unreadable page numbers fall back to their defaults.
 */
export function parseOsdiCollectionQuery(params: URLSearchParams): OsdiCollectionQuery {
  const paging = pagingSchema.parse({ page: params.get('page') ?? undefined, per_page: params.get('per_page') ?? undefined });
  const filterText = params.get('filter') ?? '';
  const filter = parseOsdiFilter(filterText);
  const order: OsdiOrder = filter.modified ? 'modified' : filter.created ? 'created' : 'id';
  const cursorText = params.get('cursor');
  let cursor: OsdiCursor | null = null;
  if (cursorText !== null) {
    cursor = decodeOsdiCursor(cursorText);
    if (!cursor || cursor.order !== order || cursor.filter !== filterText.trim()) {
      throw new AppError('validation', 'cursor is not valid for this collection and filter: start again without it', { cursor: 'invalid' });
    }
  }
  return { page: cursor ? cursor.page : paging.page, perPage: paging.per_page, filter, order, filterText: filterText.trim(), cursor };
}

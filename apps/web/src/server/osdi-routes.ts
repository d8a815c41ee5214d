import { parseOsdiCollectionQuery, toOsdiCollection, type OsdiPage } from '@undersigned/core';
import { publicBaseUrl } from '@/server/public-base-url';

/** Path ids of the authenticated OSDI routes: anything else is simply "no such resource". */
export const PERSON_ID = /^[1-9]\d{0,9}$/;
export const SIGNATURE_ID = /^[1-9]\d{0,17}$/;
const MAX_INT = 2_147_483_647;

/** A `{id}` path segment as a person id, or null (→ 404). */
export function personIdParam(id: string): number | null {
  if (!PERSON_ID.test(id)) return null;
  const n = Number(id);
  return n <= MAX_INT ? n : null;
}

/** A `{id}` path segment as a signature id, or null (→ 404). */
export function signatureIdParam(id: string): bigint | null {
  return SIGNATURE_ID.test(id) ? BigInt(id) : null;
}

/**
 * Runs a collection verb for an authenticated OSDI GET: parses page/per_page/filter/cursor from
 * the request (core's parser; a bad filter or cursor throws the AppError that withApiKey maps to
 * 400) and wraps the page as HAL with links on the public base URL.
 */
export async function osdiCollection<T extends { _links: Record<string, { href: string }> }>(
  request: Request,
  name: 'osdi:people' | 'osdi:signatures',
  list: (query: ReturnType<typeof parseOsdiCollectionQuery>, baseUrl: string) => Promise<OsdiPage<T>>,
) {
  const url = new URL(request.url);
  const query = parseOsdiCollectionQuery(url.searchParams);
  const base = publicBaseUrl();
  const page = await list(query, base);
  return toOsdiCollection(name, page, query, `${base}${url.pathname.replace(/\/+$/, '')}`, `${base}${url.pathname}${url.search}`);
}

import type { OsdiCollectionQuery } from './parse-osdi-collection-query';
import type { OsdiPage } from './run-osdi-page-query';

export interface OsdiCollection<T> {
  total_pages: number;
  per_page: number;
  page: number;
  total_records: number;
  _links: Record<string, { href: string } | { href: string }[]>;
  _embedded: Record<string, T[]>;
}

/**
 * An authenticated OSDI collection page as HAL (Action Network's shape): `_links.next` carries
 * the keyset cursor (and the filter and page size), `_links.previous` a plain page number.
 * `collectionUrl` is the collection's absolute URL without a query; `selfUrl` the request's. Pure.
 */
export function toOsdiCollection<T extends { _links: Record<string, { href: string }> }>(
  name: 'osdi:people' | 'osdi:signatures',
  page: OsdiPage<T>,
  query: OsdiCollectionQuery,
  collectionUrl: string,
  selfUrl: string,
): OsdiCollection<T> {
  const link = (params: Record<string, string>) => {
    const search = new URLSearchParams(params);
    search.set('per_page', String(page.perPage));
    if (query.filterText) search.set('filter', query.filterText);
    return { href: `${collectionUrl}?${search.toString()}` };
  };
  return {
    total_pages: Math.max(1, Math.ceil(page.total / page.perPage)),
    per_page: page.perPage,
    page: page.page,
    total_records: page.total,
    _links: {
      self: { href: selfUrl },
      ...(page.nextCursor ? { next: link({ cursor: page.nextCursor }) } : {}),
      ...(page.page > 1 ? { previous: link({ page: String(page.page - 1) }) } : {}),
      [name]: page.items.map((item) => item._links.self!),
    },
    _embedded: { [name]: page.items },
  };
}

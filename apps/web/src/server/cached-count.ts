import { createReadCache, getPublicCount, type PublicCount } from '@undersigned/core';
import type { Db } from '@undersigned/db';

/**
 * A per-process cache of the public count (issue 6, live count). Thousands of open campaign pages
 * poll GET /api/v1/petitions/{slug}/count; whatever their number, each web process asks Postgres
 * at most once per slug per `COUNT_CACHE_MS`. Concurrent misses share one in-flight read, so a
 * burst of pollers arriving together after expiry still costs one query pair.
 */
export const COUNT_CACHE_MS = 2_000;

const cache = createReadCache<PublicCount | null>(COUNT_CACHE_MS);

/** The count of a published/closed/victory campaign (null for unknown or draft), at most COUNT_CACHE_MS old. */
export function getCachedCount(db: Db, slug: string, now = Date.now()): Promise<PublicCount | null> {
  return cache(slug, () => getPublicCount(db, slug), now);
}

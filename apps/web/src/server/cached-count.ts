import type { Db } from '@undersigned/db';
import { getSignatureCount } from '@/server/core';
import { createReadCache } from './read-cache';

/**
 * A per-process cache of the public count (issue 6, live count). Thousands of open campaign pages
 * poll GET /api/v1/petitions/{slug}/count; whatever their number, each web process asks Postgres
 * at most once per slug per `COUNT_CACHE_MS`. Concurrent misses share one in-flight read, so a
 * burst of pollers arriving together after expiry still costs one query pair.
 */
export const COUNT_CACHE_MS = 2_000;

export interface PublicCount {
  status: 'published' | 'closed' | 'victory';
  goal: number;
  total: number;
}

const cache = createReadCache<PublicCount | null>(COUNT_CACHE_MS);

async function readCount(db: Db, slug: string): Promise<PublicCount | null> {
  const campaign = await db.campaign.findUnique({ where: { slug }, select: { id: true, status: true, goal: true } });
  if (!campaign || campaign.status === 'draft') return null;
  return { status: campaign.status, goal: campaign.goal, total: await getSignatureCount(db, campaign.id) };
}

/** The count of a published/closed/victory campaign (null for unknown or draft), at most COUNT_CACHE_MS old. */
export function getCachedCount(db: Db, slug: string, now = Date.now()): Promise<PublicCount | null> {
  return cache(slug, () => readCount(db, slug), now);
}

import type { Db } from '@undersigned/db';
import { getSignatureCount } from '@/server/core';

/**
 * A per-process cache of the public count (issue 6, live count). Thousands of open campaign pages
 * poll GET /api/v1/petitions/{slug}/count; whatever their number, each web process asks Postgres
 * at most once per slug per `COUNT_CACHE_MS`. Concurrent misses share one in-flight read, so a
 * burst of pollers arriving together after expiry still costs one query pair.
 */
export const COUNT_CACHE_MS = 2_000;
const MAX_ENTRIES = 1_000;

export interface PublicCount {
  status: 'published' | 'closed' | 'victory';
  goal: number;
  total: number;
}

interface Entry {
  at: number;
  value: Promise<PublicCount | null>;
}

const entries = new Map<string, Entry>();

async function readCount(db: Db, slug: string): Promise<PublicCount | null> {
  const campaign = await db.campaign.findUnique({ where: { slug }, select: { id: true, status: true, goal: true } });
  if (!campaign || campaign.status === 'draft') return null;
  return { status: campaign.status, goal: campaign.goal, total: await getSignatureCount(db, campaign.id) };
}

/** The count of a published/closed/victory campaign (null for unknown or draft), at most COUNT_CACHE_MS old. */
export function getCachedCount(db: Db, slug: string, now = Date.now()): Promise<PublicCount | null> {
  const hit = entries.get(slug);
  if (hit && now - hit.at < COUNT_CACHE_MS) return hit.value;
  const value = readCount(db, slug);
  entries.set(slug, { at: now, value });
  // A failed read is not cached: the next poller retries.
  value.catch(() => {
    if (entries.get(slug)?.value === value) entries.delete(slug);
  });
  if (entries.size > MAX_ENTRIES) {
    for (const [key, entry] of entries) if (now - entry.at >= COUNT_CACHE_MS) entries.delete(key);
    // Still full of fresh entries (a flood of distinct slugs): drop the oldest.
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return value;
}

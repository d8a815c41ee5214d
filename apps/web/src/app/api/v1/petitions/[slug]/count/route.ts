import { getDb } from '@undersigned/db';
import { SLUG_PATTERN } from '@undersigned/core';
import { getCachedCount } from '@/server/cached-count';
import { json, preflight } from '@/server/http';

export const dynamic = 'force-dynamic';

/**
 * The live count for widgets and open campaign pages. Cacheable for a few seconds by browsers and
 * proxies, and read from Postgres at most once per slug per 2 s per process (getCachedCount), so
 * the number of open pages does not show up as load on the database.
 */
export async function GET(_request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  const count = SLUG_PATTERN.test(slug) ? await getCachedCount(getDb(), slug) : null;
  if (!count) return json({ error: 'not_found', message: 'No such petition.' }, { status: 404 });
  return json(
    { total_signatures: count.total, goal: count.goal, status: count.status },
    { headers: { 'Cache-Control': 'public, max-age=5, s-maxage=5, stale-while-revalidate=30' } },
  );
}

export function OPTIONS(): Response {
  return preflight();
}

import { getDb } from '@undersigned/db';
import { getSignatureCount } from '@/server/core';
import { json, preflight } from '@/server/http';

export const dynamic = 'force-dynamic';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The live count for widgets; cacheable for a few seconds by browsers and proxies. */
export async function GET(_request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  const db = getDb();
  const campaign = SLUG.test(slug)
    ? await db.campaign.findUnique({ where: { slug }, select: { id: true, status: true, goal: true } })
    : null;
  if (!campaign || campaign.status === 'draft') return json({ error: 'not_found', message: 'No such petition.' }, { status: 404 });
  const total = await getSignatureCount(db, campaign.id);
  return json(
    { total_signatures: total, goal: campaign.goal, status: campaign.status },
    { headers: { 'Cache-Control': 'public, max-age=5, s-maxage=5, stale-while-revalidate=30' } },
  );
}

export function OPTIONS(): Response {
  return preflight();
}

import type { Db } from '@undersigned/db';

/**
 * The slugs of every campaign with a public page (published, closed or won — never a draft).
 * The public server checks a page request against them before rendering, so a flood of made-up
 * slugs cannot make Next cache a 404 page for each one.
 */
export async function listPublicSlugs(db: Db): Promise<string[]> {
  const rows = await db.campaign.findMany({ where: { status: { not: 'draft' } }, select: { slug: true } });
  return rows.map((r) => r.slug);
}

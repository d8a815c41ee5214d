import type { Db } from '@undersigned/db';

/** True when no other campaign uses this slug (pass the campaign's own id when editing). */
export async function isSlugAvailable(db: Db, slug: string, exceptCampaignId?: number): Promise<boolean> {
  const existing = await db.campaign.findUnique({ where: { slug }, select: { id: true } });
  return !existing || existing.id === exceptCampaignId;
}

import type { CampaignStatus, Db } from '@undersigned/db';

/**
 * A campaign's status by slug, drafts included (null when there is no such campaign). For
 * answers that must tell "not open yet" from "never existed", e.g. the sign API's 409 for a
 * draft against 404 for an unknown slug; public pages treat drafts as unknown.
 */
export async function getCampaignStatus(db: Db, slug: string): Promise<CampaignStatus | null> {
  const campaign = await db.campaign.findUnique({ where: { slug }, select: { status: true } });
  return campaign?.status ?? null;
}

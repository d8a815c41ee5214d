import type { Db } from '@undersigned/db';
import { getSignatureCount } from './get-signature-count';

/** What the public count endpoint and widgets show. */
export interface PublicCount {
  status: 'published' | 'closed' | 'victory';
  goal: number;
  total: number;
}

/**
 * The count of a campaign with a public page (published, closed or won), or null for an unknown
 * slug or a draft: one campaign lookup and one sum over its counter shards. Apps poll it through a
 * short per-process cache (the public app's cached-count.ts).
 */
export async function getPublicCount(db: Db, slug: string): Promise<PublicCount | null> {
  const campaign = await db.campaign.findUnique({ where: { slug }, select: { id: true, status: true, goal: true } });
  if (!campaign || campaign.status === 'draft') return null;
  return { status: campaign.status, goal: campaign.goal, total: await getSignatureCount(db, campaign.id) };
}

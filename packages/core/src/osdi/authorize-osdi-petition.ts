import type { Db } from '@undersigned/db';
import { apiKeyCoversCampaign, type ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { AppError } from '../errors';
import { SLUG_PATTERN } from '../campaign-admin/campaign-input';

export interface OsdiPetitionRef {
  id: number;
  slug: string;
}

/**
 * The campaign behind /api/v1/petitions/{slug}/… for an API key: AppError `not_found` when there
 * is no such campaign (any status: an organisation's key may read a closed or draft campaign's
 * signatures), `forbidden` when the key is limited to other campaigns.
 */
export async function authorizeOsdiPetition(db: Db, principal: ApiKeyPrincipal, slug: string): Promise<OsdiPetitionRef> {
  const campaign = SLUG_PATTERN.test(slug) ? await db.campaign.findUnique({ where: { slug }, select: { id: true, slug: true } }) : null;
  if (!campaign) throw new AppError('not_found', 'No such petition.');
  if (!apiKeyCoversCampaign(principal, campaign.id)) throw new AppError('forbidden', 'This API key does not cover this petition.');
  return campaign;
}

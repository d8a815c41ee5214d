import type { Db } from '@undersigned/db';
import { SLUG_PATTERN } from '../campaign-admin/campaign-input';
import { AppError } from '../errors';
import { apiKeyCoversCampaign, type ApiKeyPrincipal } from './authenticate-api-key';

/**
 * May this key record a signature on that petition? AppError `forbidden` for a read-only key or
 * a campaign outside the key's list. An unknown slug passes: the sign path answers it (404) as
 * for anyone. A key covering every campaign costs no query.
 */
export async function authorizeApiKeySigning(db: Db, principal: ApiKeyPrincipal, slug: string): Promise<void> {
  if (principal.scope !== 'write') throw new AppError('forbidden', 'This API key may only read; recording signatures needs a read + write key.');
  if (principal.campaignIds.length === 0 || !SLUG_PATTERN.test(slug)) return;
  const campaign = await db.campaign.findUnique({ where: { slug }, select: { id: true } });
  if (campaign && !apiKeyCoversCampaign(principal, campaign.id)) throw new AppError('forbidden', 'This API key does not cover this petition.');
}

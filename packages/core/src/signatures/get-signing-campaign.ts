import { AppError } from '../errors';
import type { SqlExecutor } from './sql-executor';

/** What signing needs to know about a campaign. */
export interface SigningCampaign {
  id: number;
  status: 'draft' | 'published' | 'closed' | 'victory';
  requireConfirmation: boolean;
}

/**
 * Loads the campaign a signature is for and checks it takes signatures: unknown or draft →
 * AppError `not_found`; closed or victory → `campaign_not_open` (HTTP 409 on the API).
 */
export async function getSigningCampaign(exec: SqlExecutor, slug: string): Promise<SigningCampaign> {
  const [row] = await exec(`SELECT id, status::text AS status, require_confirmation FROM campaign WHERE slug = $1`, [slug]);
  const campaign = row
    ? {
        id: Number(row.id),
        status: row.status as SigningCampaign['status'],
        requireConfirmation: Boolean(row.require_confirmation),
      }
    : null;
  if (!campaign || campaign.status === 'draft') throw new AppError('not_found', 'No such petition.');
  if (campaign.status !== 'published') {
    throw new AppError('campaign_not_open', 'This petition is closed and no longer takes signatures.');
  }
  return campaign;
}

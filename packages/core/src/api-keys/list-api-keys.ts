import type { Db } from '@undersigned/db';
import { API_KEY_SUMMARY_SELECT, toApiKeySummary, type ApiKeySummary } from './api-key-summary';
import { listCampaignChoices } from '../campaign-admin/list-campaign-choices';

/** Every API key, newest first, revoked ones included (their row says so). Never a hash. */
export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({ select: API_KEY_SUMMARY_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  const campaignIds = [...new Set(rows.flatMap((r) => r.campaignIds))];
  const userIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const [campaigns, users] = await Promise.all([
    listCampaignChoices(db, campaignIds),
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
  ]);
  const now = new Date();
  return rows.map((row) =>
    toApiKeySummary(row, new Map(campaigns.map((c) => [c.id, c])), new Map(users.map((u) => [u.id, { name: u.name, email: u.email }])), now),
  );
}

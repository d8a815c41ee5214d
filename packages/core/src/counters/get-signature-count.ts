import type { Db } from '@undersigned/db';

/** Counted (confirmed) signatures of a campaign: the sum of its counter shards. */
export async function getSignatureCount(db: Db, campaignId: number): Promise<number> {
  const [row] = await db.$queryRaw<{ total: bigint | null }[]>`
    SELECT sum(count)::bigint AS total FROM campaign_counter WHERE campaign_id = ${campaignId}`;
  return Number(row?.total ?? 0n);
}

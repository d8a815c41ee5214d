import type { Db, Prisma } from '@undersigned/db';

/**
 * The number of confirmed signatures of a campaign, exactly as in the table, without scanning
 * it: the dashboard rollup's folded total plus the rows not folded yet (sequenced after the
 * fold, or not sequenced), in one statement (one snapshot). Unlike getSignatureCount (the
 * public count, from counter shards) this is the table itself, so it never shows drift.
 */
export async function countConfirmedSignatures(db: Db | Prisma.TransactionClient, campaignId: number): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT (SELECT coalesce(sum(count), 0) FROM campaign_rollup WHERE campaign_id = ${campaignId} AND kind = 'hour')
         + (SELECT count(*) FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed'
              AND seq > coalesce((SELECT to_seq FROM campaign_rollup_state WHERE campaign_id = ${campaignId}), 0))
         + (SELECT count(*) FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed' AND seq IS NULL) AS n`;
  return Number(row?.n ?? 0n);
}

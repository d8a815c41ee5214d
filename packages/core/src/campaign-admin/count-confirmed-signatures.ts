import { Prisma, type Db } from '@undersigned/db';

/**
 * The number of confirmed signatures of a campaign, exactly as in the table, without scanning
 * it: the dashboard rollup's folded total plus the rows not folded yet (sequenced after the
 * fold, or not sequenced), in one snapshot. Unlike getSignatureCount (the
 * public count, from counter shards) this is the table itself, so it never shows drift.
 */
export async function countConfirmedSignatures(db: Db, campaignId: number): Promise<number> {
  // to_seq is read first and passed as a value: with it known at plan time, the unfolded tail is
  // a short range of the (campaign_id, seq) index (as a subquery, the planner guessed a third of
  // the campaign and scanned it). Both reads share one REPEATABLE READ snapshot.
  return db.$transaction(
    async (tx) => {
      const [state] = await tx.$queryRaw<{ to_seq: bigint }[]>`
        SELECT to_seq FROM campaign_rollup_state WHERE campaign_id = ${campaignId}`;
      const folded = state?.to_seq ?? 0n;
      const [row] = await tx.$queryRaw<{ n: bigint }[]>`
        SELECT (SELECT coalesce(sum(count), 0) FROM campaign_rollup WHERE campaign_id = ${campaignId} AND kind = 'hour')
             + (SELECT count(*) FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed' AND seq > ${folded})
             + (SELECT count(*) FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed' AND seq IS NULL) AS n`;
      return Number(row?.n ?? 0n);
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

import { Prisma, type Db } from '@undersigned/db';

/** Rollup key of a signature row's confirmation hour (UTC, ISO 8601, castable to timestamptz). */
export const HOUR_KEY_SQL = `to_char(date_trunc('hour', confirmed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"')`;

/**
 * The rollup's (kind, key, n) aggregate of the signatures matched by `where` (over `signature`,
 * unaliased): per confirmation hour, per source ('(direct)' when none), per referral code and per
 * postal code.
 */
export function rollupAggregateSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH r AS MATERIALIZED (
      SELECT confirmed_at, source, referrer_code, postal_code FROM signature WHERE ${where}
    )
    SELECT 'hour' AS kind, ${Prisma.raw(HOUR_KEY_SQL)} AS key, count(*)::bigint AS n FROM r GROUP BY 2
    UNION ALL SELECT 'source', coalesce(source, '(direct)'), count(*)::bigint FROM r GROUP BY 2
    UNION ALL SELECT 'referrer', referrer_code, count(*)::bigint FROM r WHERE referrer_code IS NOT NULL GROUP BY 2
    UNION ALL SELECT 'postal', postal_code, count(*)::bigint FROM r WHERE postal_code IS NOT NULL GROUP BY 2`;
}

/**
 * Folds a campaign's newly sequenced counted signatures (seq in (to_seq, max seq]) into its
 * dashboard rollup, and moves to_seq up. Cost follows the rows sequenced since the last fold,
 * never the campaign's size. Off the sign path: the dashboard calls it before reading. If another
 * fold or a moderation holds the campaign's rollup row, it does nothing (the reader aggregates
 * the unfolded rows live instead). Returns the number of signatures folded.
 *
 * Exact because seq is handed out in commit order under the per-campaign delivery lock (see
 * assignSignatureSequence): once max(seq) = M is visible, no row gets a seq <= M later. Rows
 * that stop counting after being folded are subtracted by subtractFromRollup (moderation,
 * erasure), under the same row lock.
 */
export async function foldCampaignRollup(db: Db, campaignId: number): Promise<number> {
  // Most views find nothing new: one read, no write transaction, no row lock.
  const [probe] = await db.$queryRaw<{ to_seq: bigint | null; m: bigint | null }[]>`
    SELECT (SELECT to_seq FROM campaign_rollup_state WHERE campaign_id = ${campaignId}) AS to_seq,
           (SELECT max(seq) FROM signature WHERE campaign_id = ${campaignId} AND seq IS NOT NULL) AS m`;
  if (probe?.m == null || (probe.to_seq !== null && probe.m <= probe.to_seq)) return 0;
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`INSERT INTO campaign_rollup_state (campaign_id) VALUES (${campaignId}) ON CONFLICT DO NOTHING`;
      const [state] = await tx.$queryRaw<{ to_seq: bigint }[]>`
      SELECT to_seq FROM campaign_rollup_state WHERE campaign_id = ${campaignId} FOR UPDATE SKIP LOCKED`;
      if (!state) return 0;
      const [top] = await tx.$queryRaw<{ m: bigint | null }[]>`
      SELECT max(seq) AS m FROM signature WHERE campaign_id = ${campaignId} AND seq IS NOT NULL`;
      const upTo = top?.m ?? 0n;
      if (upTo <= state.to_seq) return 0;
      const rows = await tx.$queryRaw<{ n: bigint }[]>`
      WITH agg AS (${rollupAggregateSql(Prisma.sql`campaign_id = ${campaignId} AND status = 'confirmed'
        AND seq > ${state.to_seq} AND seq <= ${upTo}`)}),
      up AS (
        INSERT INTO campaign_rollup (campaign_id, kind, key, count)
        SELECT ${campaignId}, kind, key, n FROM agg
        ON CONFLICT (campaign_id, kind, key) DO UPDATE SET count = campaign_rollup.count + EXCLUDED.count
      )
      SELECT coalesce(sum(n), 0)::bigint AS n FROM agg WHERE kind = 'hour'`;
      await tx.$executeRaw`UPDATE campaign_rollup_state SET to_seq = ${upTo}, updated_at = now() WHERE campaign_id = ${campaignId}`;
      return Number(rows[0]?.n ?? 0n);
    },
    { timeout: 300_000 },
  );
}

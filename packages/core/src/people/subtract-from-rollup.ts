import { Prisma } from '@undersigned/db';
import { rollupAggregateSql } from '../campaign-admin/fold-campaign-rollup';

/**
 * Inside a transaction: takes signatures that stop counting (`ids`, all of one campaign, still
 * present in the table with their confirmation time, source, referral and postal code) off the
 * campaign's dashboard rollup — only those already folded into it (seq <= to_seq); later ones
 * were never added. Locks the campaign's rollup row, so a concurrent fold either finished before
 * (and its to_seq is read here) or runs after this commits (and no longer sees them counted).
 * Call it in the same transaction that un-counts the rows, before deleting them.
 */
export async function subtractFromRollup(tx: Prisma.TransactionClient, campaignId: number, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  const [state] = await tx.$queryRaw<{ to_seq: bigint }[]>`
    SELECT to_seq FROM campaign_rollup_state WHERE campaign_id = ${campaignId} FOR UPDATE`;
  if (!state) return;
  await tx.$executeRaw`
    WITH d AS (${rollupAggregateSql(Prisma.sql`campaign_id = ${campaignId} AND id = ANY(${ids}::bigint[]) AND seq <= ${state.to_seq}`)})
    UPDATE campaign_rollup r SET count = r.count - d.n
    FROM d WHERE r.campaign_id = ${campaignId} AND r.kind = d.kind AND r.key = d.key`;
}

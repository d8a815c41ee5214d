import { Prisma, type Db } from '@undersigned/db';
import { lockCampaignDeliveries } from './advisory-lock';

/** Rows numbered per transaction when called on its own (not inside a caller's transaction). */
export const ASSIGN_BATCH = 50_000;

/**
 * Gives every counted (confirmed) signature of a campaign that has no delivery sequence number
 * yet the next numbers of `signature_delivery_seq`, and returns how many it assigned.
 *
 * Why not at INSERT time: a sequence value taken by a transaction that commits late would land
 * below a range already delivered and be skipped forever. Here numbers are handed out only to
 * rows that are already committed, under the per-campaign delivery lock, and every range claim
 * takes the same lock and assigns first. So any number assigned after a claim is above that
 * claim's `to_seq`: ranges (from_seq, to_seq] never skip a row.
 *
 * Pass a transaction to make the assignment part of a larger one (claimDeliveryRange does).
 */
export async function assignSignatureSequence(db: Db | Prisma.TransactionClient, input: { campaignId: number }): Promise<number> {
  const run = async (tx: Prisma.TransactionClient, limit: number | null) => {
    await lockCampaignDeliveries(tx, input.campaignId);
    // nextval is called in the CTE, row by row in the order the oldest rows come out of the
    // sort, so numbers follow the order signatures counted (and the delivery CSV, ordered by
    // seq, is chronological). `SET seq = nextval(…) WHERE id IN (… ORDER BY …)` numbered rows
    // in whatever order the join produced them. A CTE with a volatile function is evaluated
    // once, never re-scanned.
    return tx.$executeRaw`
      WITH numbered AS MATERIALIZED (
        SELECT id, nextval('signature_delivery_seq') AS seq
        FROM (
          SELECT id FROM signature
          WHERE campaign_id = ${input.campaignId} AND seq IS NULL AND status = 'confirmed'
          ORDER BY coalesce(confirmed_at, created_at), id
          ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}
        ) oldest
      )
      UPDATE signature s SET seq = numbered.seq FROM numbered WHERE s.id = numbered.id`;
  };
  if (!('$transaction' in db)) return run(db, null);
  // On its own, a backlog (say a million rows after the worker was down during a spike) is
  // numbered in batches, each its own short transaction under the lock: one UPDATE of a million
  // rows outlived the transaction timeout (bench/million-rows.ts) and would have failed on every
  // planner tick. Each batch takes the oldest rows first, so the order is the same.
  let total = 0;
  for (;;) {
    const n = await db.$transaction((tx) => run(tx, ASSIGN_BATCH), { timeout: 60_000 });
    total += n;
    if (n < ASSIGN_BATCH) return total;
  }
}

import type { Db, Prisma } from '@undersigned/db';
import { lockCampaignDeliveries } from './advisory-lock';

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
export async function assignSignatureSequence(
  db: Db | Prisma.TransactionClient,
  input: { campaignId: number },
): Promise<number> {
  const run = async (tx: Prisma.TransactionClient) => {
    await lockCampaignDeliveries(tx, input.campaignId);
    return tx.$executeRaw`
      UPDATE signature SET seq = nextval('signature_delivery_seq')
      WHERE id IN (
        SELECT id FROM signature
        WHERE campaign_id = ${input.campaignId} AND seq IS NULL AND status = 'confirmed'
        ORDER BY coalesce(confirmed_at, created_at), id
      )`;
  };
  if ('$transaction' in db) return db.$transaction(run, { timeout: 60_000 });
  return run(db);
}

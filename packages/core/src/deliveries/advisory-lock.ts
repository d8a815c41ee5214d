import type { Prisma } from '@undersigned/db';

/** Namespace of the per-campaign delivery lock (first key of the two-key advisory lock). */
export const DELIVERY_LOCK_NAMESPACE = 724100;

/**
 * Takes the per-campaign delivery lock for the rest of the transaction. Everything that assigns
 * delivery sequence numbers or claims delivery ranges for a campaign holds it, so those steps
 * happen one at a time per campaign, in commit order.
 */
export async function lockCampaignDeliveries(tx: Prisma.TransactionClient, campaignId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DELIVERY_LOCK_NAMESPACE}::int, ${campaignId}::int)`;
}

import type { Prisma } from '@undersigned/db';

/**
 * Inside a transaction: removes `amount` counted signatures from a campaign's counter shards,
 * taking from the fullest shards first. Locks the shards (FOR UPDATE) so concurrent signers
 * adding to them wait for this commit; their own increments stay exact because this is a delta,
 * never a recount. Call it in the same transaction that un-counts the signature rows.
 */
export async function subtractFromCounters(tx: Prisma.TransactionClient, campaignId: number, amount: number): Promise<void> {
  if (amount <= 0) return;
  const shards = await tx.$queryRaw<{ shard: number; count: bigint }[]>`
    SELECT shard, count FROM campaign_counter WHERE campaign_id = ${campaignId}
    ORDER BY shard FOR UPDATE`;
  let remaining = BigInt(amount);
  for (const s of [...shards].sort((a, b) => Number(b.count - a.count))) {
    if (remaining === 0n) break;
    const take = s.count < remaining ? s.count : remaining;
    if (take === 0n) continue;
    await tx.$executeRaw`UPDATE campaign_counter SET count = count - ${take}
                         WHERE campaign_id = ${campaignId} AND shard = ${s.shard}`;
    remaining -= take;
  }
  // Shards already under the table (drift): leave the rest to reconcileSignatureCounts.
}

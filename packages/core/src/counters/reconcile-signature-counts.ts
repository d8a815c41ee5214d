import type { Db } from '@undersigned/db';

export interface CountRepair {
  campaignId: number;
  /** Sum of the counter shards before the repair. */
  counted: number;
  /** Confirmed signatures in the table. */
  actual: number;
}

/**
 * Proves docs/DESIGN.md invariant 3 and repairs drift: for each campaign (or the one given), compares
 * the sum of its counter shards with the confirmed rows in the table. Where they differ it
 * rewrites the shards (everything into shard 0, the others to zero) under a lock that makes the
 * check and the fix atomic with respect to concurrent signers, and reports what it fixed.
 */
export async function reconcileSignatureCounts(db: Db, campaignId?: number): Promise<CountRepair[]> {
  const campaigns = campaignId ? [{ id: campaignId }] : await db.campaign.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const repairs: CountRepair[] = [];
  for (const { id } of campaigns) {
    const repair = await db.$transaction(async (tx) => {
      // Lock this campaign's shards: signers adding to a shard wait for this transaction, and
      // this transaction's snapshot (taken after the lock) sees every committed signature.
      await tx.$executeRaw`SELECT 1 FROM campaign_counter WHERE campaign_id = ${id} FOR UPDATE`;
      await tx.$executeRaw`INSERT INTO campaign_counter (campaign_id, shard, count) VALUES (${id}, 0, 0)
                           ON CONFLICT DO NOTHING`;
      const [row] = await tx.$queryRaw<{ counted: bigint; actual: bigint }[]>`
        SELECT (SELECT coalesce(sum(count), 0) FROM campaign_counter WHERE campaign_id = ${id})::bigint AS counted,
               (SELECT count(*) FROM signature WHERE campaign_id = ${id} AND status = 'confirmed')::bigint AS actual`;
      const counted = Number(row!.counted);
      const actual = Number(row!.actual);
      if (counted === actual) return null;
      await tx.$executeRaw`UPDATE campaign_counter SET count = CASE WHEN shard = 0 THEN ${actual}::bigint ELSE 0 END
                           WHERE campaign_id = ${id}`;
      return { campaignId: id, counted, actual };
    });
    if (repair) repairs.push(repair);
  }
  return repairs;
}

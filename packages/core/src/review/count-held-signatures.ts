import type { Db } from '@undersigned/db';

/**
 * Signatures held for review, across campaigns or for one: the staff nav's badge and the
 * campaign tab. Counts through the partial index signature_held_idx (held rows only).
 */
export async function countHeldSignatures(db: Db, options: { campaignId?: number } = {}): Promise<number> {
  const [row] =
    options.campaignId === undefined
      ? await db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM signature WHERE status = 'held'`
      : await db.$queryRaw<
          { n: bigint }[]
        >`SELECT count(*)::bigint AS n FROM signature WHERE status = 'held' AND campaign_id = ${options.campaignId}`;
  return Number(row?.n ?? 0);
}

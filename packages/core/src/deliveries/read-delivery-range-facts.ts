import { Prisma } from '@undersigned/db';
import type { DbOrTx } from '../audit/record-audit';
import { CONSTITUENT_SQL_EXPRESSION, jurisdictionCodes, type ConstituentPolicy } from './constituent-filter';

/** What the next delivery to a (campaign, target) pair would cover, named like the delivery row's fields. */
export interface DeliveryRangeFacts {
  /** The range (fromSeq, toSeq]: from where the pair's previous delivery ended to the highest sequence number assigned. */
  fromSeq: bigint;
  toSeq: bigint;
  /** Counted signatures in the range that the target gets (after the constituent filter). */
  signatureCount: number;
  /** Counted signatures of the whole campaign. */
  totalCount: number;
  /** Counted signatures in the target's jurisdiction; null unless the target counts only constituents. */
  constituentCount: number | null;
}

/**
 * Reads the range facts of the next delivery to one pair, for both the claim (inside its
 * transaction, under the delivery lock) and the staff preview, so that the preview shows the
 * figures a claim at that moment would store. Reads only: the caller numbers committed signatures
 * first (assignSignatureSequence), since the range ends at the highest number assigned.
 */
export async function readDeliveryRangeFacts(
  db: DbOrTx,
  pair: { campaignId: number; targetId: number } & ConstituentPolicy,
): Promise<DeliveryRangeFacts> {
  const codes = jurisdictionCodes(pair);
  const [facts] = await db.$queryRaw<{ from_seq: bigint; to_seq: bigint; in_range: number; total: number; constituents: number }[]>`
    WITH prev AS (
      SELECT coalesce(max(to_seq), 0)::bigint AS from_seq FROM delivery
      WHERE campaign_id = ${pair.campaignId} AND target_id = ${pair.targetId}
    ),
    top AS (
      SELECT coalesce(max(seq), 0)::bigint AS max_seq FROM signature WHERE campaign_id = ${pair.campaignId}
    )
    SELECT prev.from_seq,
           greatest(top.max_seq, prev.from_seq) AS to_seq,
           (SELECT count(*) FROM signature s
             WHERE s.campaign_id = ${pair.campaignId} AND s.status = 'confirmed'
               AND s.seq > prev.from_seq AND s.seq <= top.max_seq
               AND (NOT ${pair.constituentsOnly} OR ${Prisma.raw(CONSTITUENT_SQL_EXPRESSION)} = ANY(${codes}::text[])))::int AS in_range,
           (SELECT count(*) FROM signature s
             WHERE s.campaign_id = ${pair.campaignId} AND s.status = 'confirmed')::int AS total,
           (SELECT count(*) FROM signature s
             WHERE s.campaign_id = ${pair.campaignId} AND s.status = 'confirmed'
               AND ${Prisma.raw(CONSTITUENT_SQL_EXPRESSION)} = ANY(${codes}::text[]))::int AS constituents
    FROM prev, top`;
  // Aggregates over the one-row CTEs: the query always returns exactly one row.
  const row = facts!;
  return {
    fromSeq: row.from_seq,
    toSeq: row.to_seq,
    signatureCount: row.in_range,
    totalCount: row.total,
    constituentCount: pair.constituentsOnly ? row.constituents : null,
  };
}

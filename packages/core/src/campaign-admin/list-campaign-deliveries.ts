import type { Db } from '@undersigned/db';
import { targetDisplayName } from '../campaigns/get-published-campaign';

interface RangeReading {
  id: string;
  through: bigint;
  first_signed_at: Date | null;
  last_signed_at: Date | null;
}

/**
 * A campaign's delivery log, newest first, with the target's name and address, and each
 * delivery's range in a campaigner's terms as well as the raw one:
 *
 * - `positions`: which of the signatures this target has been sent these are, e.g. 7–10 for a
 *   delivery of 4 after one of 6. A target's deliveries chain — each range starts where its
 *   previous one ended, from the campaign's first signature — so the running total of their
 *   `signatureCount` (what each delivery carried, after the constituent filter) numbers them.
 *   For a target that counts everyone this is the signatures' order in the campaign. Null for
 *   a delivery that carried none (every signature in it was removed before it was sent).
 * - `signedBetween`: when the first and last signature still counted in the range signed (the
 *   date the delivery CSV shows). For a constituents-only target these bound the range, which
 *   may start or end with someone from outside the jurisdiction.
 * - `fromSeq`/`toSeq`: the range of the global delivery sequence, `(fromSeq, toSeq]`, as the
 *   manifest and the public record (/deliveries/{id}) state it.
 *
 * One query more than the log itself, whatever its length: the running totals are a window over
 * the campaign's deliveries (few: one per milestone, digest or click), and each date is one step
 * into the (campaign_id, seq) index from the range's start or end, never a scan of its signatures.
 */
export async function listCampaignDeliveries(db: Db, campaignId: number, limit = 200) {
  const rows = await db.delivery.findMany({
    where: { campaignId },
    orderBy: { createdAt: 'desc' },
    take: Math.min(Math.max(limit, 1), 1000),
    include: {
      target: { select: { title: true, givenName: true, familyName: true, organization: true, email: true } },
      requestedBy: { select: { email: true, name: true } },
    },
  });
  const readings = rows.length
    ? await db.$queryRaw<RangeReading[]>`
        WITH chained AS (
          SELECT id, from_seq, to_seq,
                 sum(signature_count) OVER (PARTITION BY target_id ORDER BY from_seq) AS through
          FROM delivery WHERE campaign_id = ${campaignId}
        )
        SELECT d.id::text AS id, d.through::bigint AS through,
               first.signed_at AS first_signed_at, last.signed_at AS last_signed_at
        FROM chained d
        LEFT JOIN LATERAL (
          SELECT coalesce(s.confirmed_at, s.created_at) AS signed_at FROM signature s
          WHERE s.campaign_id = ${campaignId} AND s.seq > d.from_seq AND s.seq <= d.to_seq AND s.status = 'confirmed'
          ORDER BY s.seq LIMIT 1
        ) first ON true
        LEFT JOIN LATERAL (
          SELECT coalesce(s.confirmed_at, s.created_at) AS signed_at FROM signature s
          WHERE s.campaign_id = ${campaignId} AND s.seq > d.from_seq AND s.seq <= d.to_seq AND s.status = 'confirmed'
          ORDER BY s.seq DESC LIMIT 1
        ) last ON true
        WHERE d.id = ANY(${rows.map((d) => d.id)}::uuid[])`
    : [];
  const byId = new Map(readings.map((r) => [r.id, r]));
  return rows.map((d) => {
    const reading = byId.get(d.id);
    const through = Number(reading?.through ?? 0);
    return {
      id: d.id,
      trigger: d.trigger,
      milestone: d.milestone,
      fromSeq: d.fromSeq.toString(),
      toSeq: d.toSeq.toString(),
      positions: d.signatureCount > 0 ? { first: through - d.signatureCount + 1, last: through } : null,
      signedBetween: reading?.first_signed_at && reading.last_signed_at ? { first: reading.first_signed_at, last: reading.last_signed_at } : null,
      signatureCount: d.signatureCount,
      totalCount: d.totalCount,
      constituentCount: d.constituentCount,
      status: d.status,
      manifestSha256: d.manifestSha256,
      messageId: d.messageId,
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt,
      sentAt: d.sentAt,
      target: { name: targetDisplayName(d.target), email: d.target.email },
      requestedBy: d.requestedBy?.name ?? d.requestedBy?.email ?? null,
    };
  });
}

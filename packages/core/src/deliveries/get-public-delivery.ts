import type { Db } from '@undersigned/db';
import { Prisma } from '@undersigned/db';
import { targetDisplayName } from '../campaigns/get-published-campaign';
import { CONSTITUENT_SQL_EXPRESSION, jurisdictionCodes } from './constituent-filter';
import { pickTranslation } from '../campaigns/pick-translation';

export interface PublicDelivery {
  id: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  trigger: 'milestone' | 'schedule' | 'manual' | 'final';
  milestone: number | null;
  createdAt: Date;
  sentAt: Date | null;
  campaign: { slug: string; title: string };
  target: { name: string; title: string; organization: string | null };
  /** Rows in the delivered CSV. */
  signatureCount: number;
  /** Counted signatures for the campaign when the delivery was made. */
  totalCount: number;
  constituentCount: number | null;
  range: { fromSeq: string; toSeq: string };
  manifestSha256: string | null;
  integrity: {
    /** Of the signatures made up to the delivery, the share confirmed (0–1; null when none). */
    shareConfirmed: number | null;
    /** Of the delivered total, the share in the target's jurisdiction (null without a jurisdiction). */
    shareInJurisdiction: number | null;
    /** Signatures of this campaign up to the delivery removed as fraudulent or invalid. */
    removedAsFraudulent: number;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public record of a delivery for `/deliveries/{id}`: date, target, count, range, manifest
 * hash and integrity figures. Never any signer's data (docs/DESIGN.md invariant 6). Null when there
 * is no such delivery or its campaign is a draft.
 */
export async function getPublicDelivery(db: Db, id: string): Promise<PublicDelivery | null> {
  if (!UUID.test(id)) return null;
  const d = await db.delivery.findUnique({
    where: { id },
    include: {
      target: { select: { title: true, givenName: true, familyName: true, organization: true, postalCodes: true } },
      campaign: { select: { slug: true, status: true, defaultLocale: true, translations: { select: { locale: true, title: true } } } },
    },
  });
  if (!d || d.campaign.status === 'draft') return null;
  const codes = jurisdictionCodes({ constituentsOnly: true, postalCodes: d.target.postalCodes });
  const [row] = await db.$queryRaw<{ confirmed: number; made: number; removed: number; in_jurisdiction: number }[]>`
    SELECT count(*) FILTER (WHERE s.status = 'confirmed')::int AS confirmed,
           count(*) FILTER (WHERE s.status IN ('confirmed', 'pending'))::int AS made,
           count(*) FILTER (WHERE s.status IN ('fraudulent', 'invalidated'))::int AS removed,
           count(*) FILTER (WHERE s.status = 'confirmed' AND s.seq <= ${d.toSeq}
                            AND ${Prisma.raw(CONSTITUENT_SQL_EXPRESSION)} = ANY(${codes}::text[]))::int AS in_jurisdiction
    FROM signature s
    WHERE s.campaign_id = ${d.campaignId} AND s.created_at <= ${d.createdAt}`;
  const title = pickTranslation(d.campaign)?.title ?? d.campaign.slug;
  const constituents = d.constituentCount ?? (codes.length ? (row?.in_jurisdiction ?? 0) : null);
  return {
    id: d.id,
    status: d.status,
    trigger: d.trigger,
    milestone: d.milestone,
    createdAt: d.createdAt,
    sentAt: d.sentAt,
    campaign: { slug: d.campaign.slug, title },
    target: { name: targetDisplayName(d.target), title: d.target.title, organization: d.target.organization },
    signatureCount: d.signatureCount,
    totalCount: d.totalCount,
    constituentCount: d.constituentCount,
    range: { fromSeq: d.fromSeq.toString(), toSeq: d.toSeq.toString() },
    manifestSha256: d.manifestSha256,
    integrity: {
      shareConfirmed: row && row.made > 0 ? row.confirmed / row.made : null,
      shareInJurisdiction: constituents !== null && d.totalCount > 0 ? constituents / d.totalCount : null,
      removedAsFraudulent: row?.removed ?? 0,
    },
  };
}

import { Prisma, type Db } from '@undersigned/db';
import { renderDeliveryEmail } from '@undersigned/email';
import { AppError } from '../errors';
import { targetDisplayName } from '../campaigns/get-published-campaign';
import { assignSignatureSequence } from '../deliveries/assign-signature-sequence';
import { CONSTITUENT_SQL_EXPRESSION, jurisdictionCodes } from '../deliveries/constituent-filter';
import { writeDeliveryCsv, type DeliveryCsv } from '../deliveries/write-delivery-csv';

export interface NextDeliveryEmail {
  to: string | null;
  subject: string;
  html: string;
  text: string;
  /** Signatures the next delivery to this target would carry. */
  newCount: number;
  range: { fromSeq: string; toSeq: string };
  /** The CSV attachment; the caller must call `csv.cleanup()`. */
  csv: DeliveryCsv;
}

/**
 * The email the next delivery to this target would be, built like sendDelivery builds it (same
 * range facts as claimDeliveryRange, same CSV writer, same template), without claiming anything:
 * for staff's "preview" and "send a test to me". Numbers are those of this moment.
 */
export async function buildNextDeliveryEmail(
  db: Db,
  input: { campaignId: number; targetId: number },
  deps: { databaseUrl: string; publicWebUrl: string },
): Promise<NextDeliveryEmail> {
  const pair = await db.campaignTarget.findUnique({
    where: { campaignId_targetId: input },
    include: { target: true, campaign: { include: { translations: true } } },
  });
  if (!pair) throw new AppError('not_found', 'This target is not part of this campaign.');
  // Numbers only committed rows (what a claim would do first); assigning is idempotent.
  await assignSignatureSequence(db, { campaignId: input.campaignId });
  const codes = jurisdictionCodes({ constituentsOnly: pair.constituentsOnly, postalCodes: pair.target.postalCodes });
  const [facts] = await db.$queryRaw<{ from_seq: bigint; to_seq: bigint; total: number; constituents: number }[]>`
    WITH prev AS (
      SELECT coalesce(max(to_seq), 0)::bigint AS from_seq FROM delivery
      WHERE campaign_id = ${input.campaignId} AND target_id = ${input.targetId}
    ),
    top AS (SELECT coalesce(max(seq), 0)::bigint AS max_seq FROM signature WHERE campaign_id = ${input.campaignId})
    SELECT prev.from_seq, greatest(top.max_seq, prev.from_seq) AS to_seq,
      (SELECT count(*) FROM signature s WHERE s.campaign_id = ${input.campaignId} AND s.status = 'confirmed')::int AS total,
      (SELECT count(*) FROM signature s WHERE s.campaign_id = ${input.campaignId} AND s.status = 'confirmed'
        AND ${Prisma.raw(CONSTITUENT_SQL_EXPRESSION)} = ANY(${codes}::text[]))::int AS constituents
    FROM prev, top`;
  const campaign = pair.campaign;
  const text = campaign.translations.find((t) => t.locale === campaign.defaultLocale) ?? campaign.translations[0];
  const today = new Date().toISOString().slice(0, 10);
  const csv = await writeDeliveryCsv({
    databaseUrl: deps.databaseUrl,
    campaignId: input.campaignId,
    fromSeq: facts!.from_seq,
    toSeq: facts!.to_seq,
    includeEmails: campaign.includeEmailsInDeliveries,
    constituentsOnly: pair.constituentsOnly,
    codes,
    timeZone: pair.target.timeZone,
    baseName: `signatures-${campaign.slug}-${today}-preview`,
  });
  try {
    const web = deps.publicWebUrl.replace(/\/+$/, '');
    const email = await renderDeliveryEmail({
      campaignTitle: text?.title ?? campaign.slug,
      ask: text?.ask ?? '',
      campaignUrl: `${web}/petitions/${campaign.slug}`,
      targetName: targetDisplayName(pair.target),
      trigger: 'manual',
      milestone: null,
      totalCount: facts!.total,
      constituentCount: pair.constituentsOnly ? facts!.constituents : null,
      newCount: csv.manifest.count,
      breakdown: csv.breakdown,
      comments: csv.comments,
      manifest: csv.manifest,
      range: { fromSeq: facts!.from_seq.toString(), toSeq: facts!.to_seq.toString() },
      deliveryUrl: `${web}/deliveries/preview`,
      attachmentName: csv.fileName,
      dateLabel: today,
    });
    return {
      to: pair.target.email,
      ...email,
      newCount: csv.manifest.count,
      range: { fromSeq: facts!.from_seq.toString(), toSeq: facts!.to_seq.toString() },
      csv,
    };
  } catch (error) {
    await csv.cleanup();
    throw error;
  }
}

import type { Db } from '@undersigned/db';
import type { DeliveryEmailProps } from '@undersigned/email';
import { AppError } from '../errors';
import { assignSignatureSequence } from './assign-signature-sequence';
import { prepareDeliveryEmail, type PrepareDeliveryEmailDeps } from './prepare-delivery-email';
import { readDeliveryRangeFacts } from './read-delivery-range-facts';
import type { DeliveryCsv } from './write-delivery-csv';

export interface NextDeliveryEmail {
  /** The target's address, as sendDelivery would use it; null when the delivery would fail for lack of one. */
  to: string | null;
  subject: string;
  html: string;
  text: string;
  /** The template's props, for callers that show or check the figures. */
  props: DeliveryEmailProps;
  /** Signatures the next delivery to this target would carry. */
  newCount: number;
  range: { fromSeq: string; toSeq: string };
  /**
   * Which of the signatures this target has been sent these would be (e.g. 7–10 after deliveries
   * of 6), as the delivery log numbers them; null when the delivery would carry none.
   */
  positions: { first: number; last: number } | null;
  /** When the first and last counted signature of the range signed; null when there is none. */
  signedBetween: { first: Date; last: Date } | null;
  /** The CSV attachment; the caller must call `csv.cleanup()`. */
  csv: DeliveryCsv;
}

/**
 * The email the next delivery to this target would be, without claiming anything: for staff's
 * "preview" and "send a test to me". The range facts are those a claim would store at this moment
 * (readDeliveryRangeFacts, as claimDeliveryRange reads them) and the email is written as
 * sendDelivery writes it (prepareDeliveryEmail), as a manual delivery; only the public record
 * link and the file name say "preview". Numbers are those of this moment.
 */
export async function buildNextDeliveryEmail(
  db: Db,
  input: { campaignId: number; targetId: number },
  deps: PrepareDeliveryEmailDeps,
): Promise<NextDeliveryEmail> {
  const pair = await db.campaignTarget.findUnique({
    where: { campaignId_targetId: input },
    include: { target: true, campaign: { include: { translations: true } } },
  });
  if (!pair) throw new AppError('not_found', 'This target is not part of this campaign.');
  // Numbers only committed rows (what a claim would do first); assigning is idempotent.
  await assignSignatureSequence(db, { campaignId: input.campaignId });
  const facts = await readDeliveryRangeFacts(db, {
    ...input,
    constituentsOnly: pair.constituentsOnly,
    postalCodes: pair.target.postalCodes,
  });
  const { email, props, csv } = await prepareDeliveryEmail(
    {
      campaign: pair.campaign,
      target: pair.target,
      constituentsOnly: pair.constituentsOnly,
      delivery: { ...facts, trigger: 'manual', milestone: null },
      deliveryId: null,
    },
    deps,
  );
  const [reading] = await db.$queryRaw<{ delivered: bigint; first_signed_at: Date | null; last_signed_at: Date | null }[]>`
    SELECT (SELECT coalesce(sum(signature_count), 0) FROM delivery
             WHERE campaign_id = ${input.campaignId} AND target_id = ${input.targetId})::bigint AS delivered,
           min(coalesce(s.confirmed_at, s.created_at)) AS first_signed_at,
           max(coalesce(s.confirmed_at, s.created_at)) AS last_signed_at
    FROM signature s
    WHERE s.campaign_id = ${input.campaignId} AND s.status = 'confirmed' AND s.seq > ${facts.fromSeq} AND s.seq <= ${facts.toSeq}`;
  const delivered = Number(reading?.delivered ?? 0);
  return {
    to: pair.target.email?.trim() || null,
    ...email,
    props,
    newCount: props.newCount,
    range: props.range,
    positions: props.newCount > 0 ? { first: delivered + 1, last: delivered + props.newCount } : null,
    signedBetween: reading?.first_signed_at && reading.last_signed_at ? { first: reading.first_signed_at, last: reading.last_signed_at } : null,
    csv,
  };
}

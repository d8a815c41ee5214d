import type { CampaignModel, CampaignTranslationModel, DeliveryModel, TargetModel } from '@undersigned/db';
import type { DeliveryEmailProps } from '@undersigned/email';
import { targetDisplayName } from '../campaigns/get-published-campaign';
import type { DeliveryCsv } from './write-delivery-csv';
import { pickTranslation } from '../campaigns/pick-translation';

export interface DeliveryEmailPropsInput {
  campaign: Pick<CampaignModel, 'slug' | 'defaultLocale'> & {
    translations: Pick<CampaignTranslationModel, 'locale' | 'title' | 'ask'>[];
  };
  target: Pick<TargetModel, 'title' | 'givenName' | 'familyName' | 'organization'>;
  /** A claimed delivery row, or for a preview the range facts of the next one. */
  delivery: Pick<DeliveryModel, 'trigger' | 'milestone' | 'fromSeq' | 'toSeq' | 'totalCount' | 'constituentCount'>;
  /** The delivery's id for its public record link; null for a preview (nothing is claimed). */
  deliveryId: string | null;
  /** The rows actually attached: the new count, breakdown and comments are read from them. */
  csv: Pick<DeliveryCsv, 'manifest' | 'breakdown' | 'comments' | 'fileName'>;
  /** PUBLIC_WEB_URL. */
  publicWebUrl: string;
  dateLabel: string;
}

/**
 * The delivery template's props from the campaign, the target, the delivery's range facts and
 * its CSV: the one mapping behind both the email sent and staff's preview of it. The new count is
 * the CSV's row count (what the official receives), not the count stored at claim time.
 */
export function buildDeliveryEmailProps(input: DeliveryEmailPropsInput): DeliveryEmailProps {
  const { campaign, delivery, csv } = input;
  const text = pickTranslation(campaign);
  const web = input.publicWebUrl.replace(/\/+$/, '');
  return {
    campaignTitle: text?.title ?? campaign.slug,
    ask: text?.ask ?? '',
    campaignUrl: `${web}/petitions/${campaign.slug}`,
    targetName: targetDisplayName(input.target),
    trigger: delivery.trigger,
    milestone: delivery.milestone,
    totalCount: delivery.totalCount,
    constituentCount: delivery.constituentCount,
    newCount: csv.manifest.count,
    breakdown: csv.breakdown,
    comments: csv.comments,
    manifest: csv.manifest,
    range: { fromSeq: delivery.fromSeq.toString(), toSeq: delivery.toSeq.toString() },
    deliveryUrl: `${web}/deliveries/${input.deliveryId ?? 'preview'}`,
    attachmentName: csv.fileName,
    dateLabel: input.dateLabel,
  };
}

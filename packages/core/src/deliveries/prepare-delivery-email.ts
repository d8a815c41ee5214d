import type { CampaignModel, TargetModel } from '@undersigned/db';
import { renderDeliveryEmail, type DeliveryEmailProps, type RenderedEmail } from '@undersigned/email';
import { buildDeliveryEmailProps, type DeliveryEmailPropsInput } from './build-delivery-email-props';
import { jurisdictionCodes } from './constituent-filter';
import { writeDeliveryCsv, type DeliveryCsv } from './write-delivery-csv';

export interface PrepareDeliveryEmailInput {
  campaign: DeliveryEmailPropsInput['campaign'] & Pick<CampaignModel, 'id' | 'includeEmailsInDeliveries'>;
  target: DeliveryEmailPropsInput['target'] & Pick<TargetModel, 'postalCodes' | 'timeZone'>;
  /** The pair's constituent filter (CampaignTarget.constituentsOnly). */
  constituentsOnly: boolean;
  delivery: DeliveryEmailPropsInput['delivery'];
  /** The delivery's id; null for a preview (nothing is claimed). */
  deliveryId: string | null;
}

export interface PrepareDeliveryEmailDeps {
  /** For the streamed CSV (COPY needs its own connection). */
  databaseUrl: string;
  /** PUBLIC_WEB_URL: campaign and /deliveries/{id} links. */
  publicWebUrl: string;
  gzipAboveBytes?: number;
}

export interface PreparedDeliveryEmail {
  email: RenderedEmail;
  props: DeliveryEmailProps;
  /** The CSV attachment; the caller must call `csv.cleanup()`. */
  csv: DeliveryCsv;
  /** Where the time went (ms): writing the CSV, rendering the email. */
  csvMs: number;
  renderMs: number;
}

/**
 * Writes a delivery's CSV and renders its email: what sendDelivery sends for a claimed delivery
 * and what staff's preview shows for the next one, through the same code. Only the delivery id
 * (null for a preview) tells them apart, in the public record link and the file name.
 */
export async function prepareDeliveryEmail(input: PrepareDeliveryEmailInput, deps: PrepareDeliveryEmailDeps): Promise<PreparedDeliveryEmail> {
  const { campaign, target, delivery } = input;
  const today = new Date().toISOString().slice(0, 10);
  const startedAt = Date.now();
  const csv = await writeDeliveryCsv({
    databaseUrl: deps.databaseUrl,
    campaignId: campaign.id,
    fromSeq: delivery.fromSeq,
    toSeq: delivery.toSeq,
    includeEmails: campaign.includeEmailsInDeliveries,
    constituentsOnly: input.constituentsOnly,
    codes: jurisdictionCodes({ constituentsOnly: input.constituentsOnly, postalCodes: target.postalCodes }),
    timeZone: target.timeZone,
    baseName: `signatures-${campaign.slug}-${today}-${input.deliveryId?.slice(0, 8) ?? 'preview'}`,
    gzipAboveBytes: deps.gzipAboveBytes,
  });
  const csvMs = Date.now() - startedAt;
  try {
    const props = buildDeliveryEmailProps({ ...input, csv, publicWebUrl: deps.publicWebUrl, dateLabel: today });
    const email = await renderDeliveryEmail(props);
    return { email, props, csv, csvMs, renderMs: Date.now() - startedAt - csvMs };
  } catch (error) {
    await csv.cleanup();
    throw error;
  }
}

import type { Db } from '@undersigned/db';
import type { DeliveryManifest } from './build-delivery-manifest';
import { jurisdictionCodes } from './constituent-filter';
import { writeDeliveryCsv } from './write-delivery-csv';

export interface DeliveryManifestCheck {
  deliveryId: string;
  /** True when the rows rebuilt from the database hash to the recorded manifest. */
  ok: boolean;
  /** What the delivery recorded when it was sent (null: never sent, nothing to verify). */
  recorded: DeliveryManifest | null;
  /** The manifest of the delivery's rows as the database holds them now. */
  rebuilt: DeliveryManifest;
}

/**
 * Rebuilds a delivery's CSV rows from the database — the same range `(from_seq, to_seq]`, the
 * same query and columns that sendDelivery streamed (writeDeliveryCsv) — and compares their
 * count and SHA-256 with the manifest recorded on the delivery. Used after a restore from a
 * backup (docs/operations.md): every sent delivery must still verify. A mismatch on a live
 * database is also what a signature removed as fraudulent after the delivery, or a change of
 * the campaign's email setting, the pair's constituent filter or the target's time zone, looks
 * like. Null when there is no such delivery.
 */
export async function verifyDeliveryManifest(db: Db, input: { deliveryId: string; databaseUrl: string }): Promise<DeliveryManifestCheck | null> {
  const delivery = await db.delivery.findUnique({
    where: { id: input.deliveryId },
    include: { target: { select: { postalCodes: true, timeZone: true } }, campaign: { select: { includeEmailsInDeliveries: true } } },
  });
  if (!delivery) return null;
  const pair = await db.campaignTarget.findUnique({
    where: { campaignId_targetId: { campaignId: delivery.campaignId, targetId: delivery.targetId } },
    select: { constituentsOnly: true },
  });
  const constituentsOnly = pair?.constituentsOnly ?? false;
  const csv = await writeDeliveryCsv({
    databaseUrl: input.databaseUrl,
    campaignId: delivery.campaignId,
    fromSeq: delivery.fromSeq,
    toSeq: delivery.toSeq,
    includeEmails: delivery.campaign.includeEmailsInDeliveries,
    constituentsOnly,
    codes: jurisdictionCodes({ constituentsOnly, postalCodes: delivery.target.postalCodes }),
    timeZone: delivery.target.timeZone,
    baseName: `verify-${delivery.id.slice(0, 8)}`,
    gzipAboveBytes: Number.POSITIVE_INFINITY,
  });
  await csv.cleanup();
  const recorded = delivery.manifestSha256 === null ? null : { count: delivery.signatureCount, sha256: delivery.manifestSha256 };
  return {
    deliveryId: delivery.id,
    ok: recorded !== null && recorded.count === csv.manifest.count && recorded.sha256 === csv.manifest.sha256,
    recorded,
    rebuilt: csv.manifest,
  };
}

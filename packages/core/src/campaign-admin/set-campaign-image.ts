import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The image type from its first bytes (never trust the declared type), or null. */
function sniffImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

/**
 * Stores an uploaded campaign picture (PNG, JPEG or WebP by content, ≤ 5 MB) in Postgres and
 * makes it the campaign's image; the previous one is deleted. `bytes: null` removes the image.
 * Audited.
 */
export async function setCampaignImage(
  db: Db,
  actor: StaffActor,
  input: { campaignId: number; bytes: Uint8Array | null; alt?: string },
): Promise<{ imageId: string | null }> {
  let contentType: string | null = null;
  if (input.bytes) {
    if (input.bytes.length === 0) throw new AppError('validation', 'Choose an image file.', { image: 'required' });
    if (input.bytes.length > MAX_IMAGE_BYTES) throw new AppError('validation', 'Images must be 5 MB or smaller.', { image: 'image_too_large' });
    contentType = sniffImageType(input.bytes);
    if (!contentType) throw new AppError('validation', 'Use a PNG, JPEG or WebP image.', { image: 'image_type' });
  }
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: input.campaignId }, select: { id: true, imageId: true } });
    if (!campaign) throw new AppError('not_found', 'No such campaign.');
    const image = input.bytes
      ? await tx.image.create({
          data: { contentType: contentType!, bytes: Buffer.from(input.bytes), alt: input.alt?.trim().slice(0, 300) || null },
          select: { id: true },
        })
      : null;
    await tx.campaign.update({ where: { id: campaign.id }, data: { imageId: image?.id ?? null } });
    if (campaign.imageId) await tx.image.deleteMany({ where: { id: campaign.imageId, campaigns: { none: {} } } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: image ? 'campaign.image_set' : 'campaign.image_remove',
      entityType: 'campaign',
      entityId: campaign.id,
      data: image ? { imageId: image.id, bytes: input.bytes!.length, contentType } : {},
    });
    return { imageId: image?.id ?? null };
  });
}

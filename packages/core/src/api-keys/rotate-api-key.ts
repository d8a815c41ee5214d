import { z } from 'zod';
import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { parseOrValidationError } from '../parse-or-validation-error';
import { generateApiKeySecret } from './api-key-secret';

export const rotateApiKeyInputSchema = z.object({
  /** 0: the old secret stops at once; 24: it keeps working for a day while the CRM is updated. */
  keepPreviousHours: z.union([z.literal(0), z.literal(24)], { error: 'invalid_keep_previous' }),
});

const keyId = z.uuid();

/**
 * Gives an API key a new secret (admins), returned here once; only its hash is stored. The old
 * secret either stops at once or keeps working for 24 hours (a secret kept by an earlier rotation
 * stops now either way). A revoked key cannot be rotated. Audited (`apikey.rotate`).
 */
export async function rotateApiKey(db: Db, actor: StaffActor, id: string, input: unknown): Promise<{ secret: string; prefix: string }> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins can manage API keys.');
  const { keepPreviousHours } = parseOrValidationError(rotateApiKeyInputSchema, input);
  if (!keyId.safeParse(id).success) throw new AppError('not_found', 'No such API key.');
  const { secret, hash, prefix } = generateApiKeySecret();
  await db.$transaction(async (tx) => {
    const [key] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM api_key WHERE id = ${id}::uuid FOR UPDATE`;
    if (!key) throw new AppError('not_found', 'No such API key.');
    const current = await tx.apiKey.findUniqueOrThrow({
      where: { id },
      select: { name: true, scope: true, campaignIds: true, prefix: true, secretHash: true, revokedAt: true },
    });
    if (current.revokedAt) throw new AppError('conflict', 'A revoked key cannot be rotated. Create a new key instead.');
    const now = new Date();
    const keep = keepPreviousHours > 0;
    await tx.apiKey.update({
      where: { id },
      data: {
        secretHash: hash,
        prefix,
        rotatedAt: now,
        previousSecretHash: keep ? current.secretHash : null,
        previousExpiresAt: keep ? new Date(now.getTime() + keepPreviousHours * 3_600_000) : null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'apikey.rotate',
      entityType: 'api_key',
      entityId: id,
      data: { name: current.name, scope: current.scope, campaignIds: current.campaignIds, prefix, previousPrefix: current.prefix, keepPreviousHours },
    });
  });
  return { secret, prefix };
}

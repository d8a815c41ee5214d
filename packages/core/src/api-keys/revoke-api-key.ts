import { z } from 'zod';
import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

const keyId = z.uuid();

/**
 * Revokes an API key at once (admins): its secret and any previous secret kept by a rotation stop
 * working on the next request. Revoking a revoked key is a conflict. Audited (`apikey.revoke`).
 */
export async function revokeApiKey(db: Db, actor: StaffActor, id: string): Promise<void> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins can manage API keys.');
  if (!keyId.safeParse(id).success) throw new AppError('not_found', 'No such API key.');
  await db.$transaction(async (tx) => {
    // Row lock: a concurrent rotate or revoke waits, then sees this one's outcome.
    const [key] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM api_key WHERE id = ${id}::uuid FOR UPDATE`;
    if (!key) throw new AppError('not_found', 'No such API key.');
    const current = await tx.apiKey.findUniqueOrThrow({
      where: { id },
      select: { name: true, scope: true, campaignIds: true, prefix: true, revokedAt: true },
    });
    if (current.revokedAt) throw new AppError('conflict', 'This key is already revoked.');
    await tx.apiKey.update({
      where: { id },
      data: { revokedAt: new Date(), revokedById: actor.id, previousSecretHash: null, previousExpiresAt: null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'apikey.revoke',
      entityType: 'api_key',
      entityId: id,
      data: { name: current.name, scope: current.scope, campaignIds: current.campaignIds, prefix: current.prefix },
    });
  });
}

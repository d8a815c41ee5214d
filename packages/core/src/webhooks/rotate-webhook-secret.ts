import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { isWebhookId } from './webhook-endpoint-view';
import { generateWebhookSecret } from './webhook-secret';

/**
 * Gives an endpoint a new signing secret (admins) and returns it — shown once, like at creation.
 * keepPreviousHours 24: the old secret moves to previous_secret until then and the sender signs
 * with both (two `v1,` signatures in `webhook-signature`, which every Standard Webhooks verifier
 * accepts), so the receiver can switch without dropping anything; 0: the old secret stops at once
 * (a leaked secret). Audited (`webhook.rotate_secret`, never a secret).
 */
export async function rotateWebhookSecret(
  db: Db,
  actor: StaffActor,
  id: string,
  options: { keepPreviousHours: 0 | 24 },
): Promise<{ secret: string }> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  // Checked here too, not only by the type: a hand-made call may send anything.
  const hours: unknown = typeof options === 'object' && options !== null ? options.keepPreviousHours : undefined;
  if (hours !== 0 && hours !== 24) {
    throw new AppError('validation', 'Keep the old secret for 24 hours or stop it now.', { keepPreviousHours: 'invalid_keep_previous' });
  }
  if (!isWebhookId(id)) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
  const secret = generateWebhookSecret();
  await db.$transaction(async (tx) => {
    // FOR UPDATE: two rotations at once must not both keep the same "previous" secret.
    const rows = await tx.$queryRaw<{ secret: string }[]>`SELECT secret FROM webhook_endpoint WHERE id = ${id}::uuid FOR UPDATE`;
    const current = rows[0];
    if (!current) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
    const keep = hours > 0;
    await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret,
        previousSecret: keep ? current.secret : null,
        previousExpiresAt: keep ? new Date(Date.now() + hours * 3600_000) : null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'webhook.rotate_secret',
      entityType: 'webhook_endpoint',
      entityId: id,
      data: { keepPreviousHours: hours },
    });
  });
  return { secret };
}

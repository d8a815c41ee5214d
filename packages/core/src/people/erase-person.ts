import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { subtractFromCounters } from './subtract-from-counters';
import { subtractFromRollup } from './subtract-from-rollup';
import { recordWebhookEvents } from '../webhooks/record-webhook-events';

/**
 * GDPR/CCPA erasure: deletes a person and every signature they made, in one transaction that
 * also takes their counted signatures off each campaign's counters (exact counts). Signatures
 * not yet delivered simply leave the next delivery's range; delivered ones leave the range they
 * were in. Their rows as recipients of updates, sent or still pending, go with the person (foreign
 * key cascade), so an update being sent never reaches them. The audit entry keeps only ids and numbers, never the erased personal data;
 * so do the webhook events written in the same transaction (signature.removed with reason erasure
 * for each signature, then person.erased).
 */
export async function erasePerson(
  db: Db,
  actor: StaffActor,
  input: { personId: number; reason?: string },
): Promise<{ signatures: number; campaigns: number[] }> {
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: input.personId }, select: { id: true } });
    if (!person) throw new AppError('not_found', 'No such person.');
    const signatures = await tx.$queryRaw<{ id: bigint; campaign_id: number; status: string }[]>`
      SELECT id, campaign_id, status::text AS status FROM signature WHERE person_id = ${person.id} FOR UPDATE`;
    const counted = new Map<number, bigint[]>();
    for (const s of signatures) {
      if (s.status === 'confirmed') counted.set(s.campaign_id, [...(counted.get(s.campaign_id) ?? []), s.id]);
    }
    for (const [campaignId, ids] of [...counted].sort(([a], [b]) => a - b)) {
      await subtractFromRollup(tx, campaignId, ids);
    }
    await tx.signature.deleteMany({ where: { personId: person.id } });
    for (const [campaignId, ids] of [...counted].sort(([a], [b]) => a - b)) {
      await subtractFromCounters(tx, campaignId, ids.length);
    }
    await tx.person.delete({ where: { id: person.id } });
    // The rows are gone: the events carry the ids a CRM needs to delete its copies, nothing else.
    await recordWebhookEvents(tx, [
      ...signatures.map((s) => ({
        type: 'signature.removed' as const,
        campaignId: s.campaign_id,
        signatureId: s.id,
        personId: person.id,
        data: { reason: 'erasure' },
      })),
      { type: 'person.erased' as const, personId: person.id },
    ]);
    const campaigns = [...new Set(signatures.map((s) => s.campaign_id))].sort((a, b) => a - b);
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'person.erase',
      entityType: 'person',
      entityId: person.id,
      data: { signatures: signatures.length, campaigns, reason: input.reason?.slice(0, 500) ?? null },
    });
    return { signatures: signatures.length, campaigns };
  });
}

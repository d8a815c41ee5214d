import type { Prisma } from '@undersigned/db';
import type { DbOrTx } from '../audit/record-audit';
import { suppressionHash } from './suppression-hash';

export type SuppressionReason = 'unsubscribe' | 'bounce' | 'complaint';
export type SuppressionSource = 'one-click' | 'unsubscribe-page' | 'smtp' | 'webhook' | 'staff';

export interface SuppressionInput {
  canonicalEmail: string;
  /** null: every update (and bounces and complaints are always for every update). */
  campaignId: number | null;
  reason: SuppressionReason;
  source: SuppressionSource;
  /** The update whose email led here, when known: counted on it (bounces, complaints). */
  updateId?: string | null;
  detail?: string | null;
}

/**
 * Adds an address to the suppression list (docs/DESIGN.md, updates), idempotently: one entry
 * per address and scope, a stronger reason (complaint > bounce > unsubscribe) replacing a
 * weaker one. Bounces and complaints apply to every update whatever scope is passed. The
 * person's own status follows: unsubscribed from all updates, or bouncing. Returns whether the
 * entry is new or stronger (so a repeated webhook is counted once on its update).
 */
export async function recordSuppression(db: DbOrTx, input: SuppressionInput, secret: string): Promise<{ changed: boolean }> {
  const campaignId = input.reason === 'unsubscribe' ? input.campaignId : null;
  const hash = suppressionHash(input.canonicalEmail, secret);
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO email_suppression (email_hash, campaign_id, reason, source, update_id, detail)
    VALUES (${hash}, ${campaignId}, ${input.reason}::"SuppressionReason", ${input.source}, ${input.updateId ?? null}::uuid,
            ${input.detail?.slice(0, 500) ?? null})
    ON CONFLICT (email_hash, (coalesce(campaign_id, 0))) DO UPDATE
      SET reason = EXCLUDED.reason, source = EXCLUDED.source, update_id = coalesce(EXCLUDED.update_id, email_suppression.update_id),
          detail = EXCLUDED.detail, created_at = now()
      WHERE array_position(ARRAY['unsubscribe', 'bounce', 'complaint'], EXCLUDED.reason::text)
            > array_position(ARRAY['unsubscribe', 'bounce', 'complaint'], email_suppression.reason::text)
         -- a repeated unsubscribe from all updates after a fresh consent starts a new entry
         OR (EXCLUDED.reason = 'unsubscribe' AND email_suppression.reason = 'unsubscribe')
    RETURNING id`;
  const changed = rows.length > 0;
  if (campaignId === null) {
    const status: Prisma.PersonUpdateManyMutationInput['emailStatus'] = input.reason === 'bounce' ? 'bouncing' : 'unsubscribed';
    // A bouncing address stays bouncing (an unsubscribe or complaint must not make it look deliverable again).
    await db.person.updateMany({ where: { canonicalEmail: input.canonicalEmail, emailStatus: { not: 'bouncing' } }, data: { emailStatus: status } });
  }
  if (changed && input.updateId && input.reason !== 'unsubscribe') {
    const field = input.reason === 'bounce' ? 'bounceCount' : 'complaintCount';
    await db.campaignUpdate.updateMany({ where: { id: input.updateId }, data: { [field]: { increment: 1 } } });
  }
  return { changed };
}

import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { signatureSelectionSchema, signatureSelectionSql, type SignatureSelection } from './signature-selection';
import { subtractFromCounters } from './subtract-from-counters';
import { subtractFromRollup } from './subtract-from-rollup';
import { recordWebhookEvents } from '../webhooks/record-webhook-events';

/**
 * Marks the selected pending/confirmed signatures `fraudulent` or `invalidated` (single, or bulk
 * by IP hash, email domain or time window). The public count drops by exactly the number of
 * counted rows changed: the status update and the counter adjustment are one transaction.
 * `expected` (from the preview) guards against the selection having grown since: if more rows
 * match now, nothing changes and a conflict is raised. Audited. Each changed signature is a
 * signature.removed webhook event (reason fraudulent or invalidated), in the same transaction.
 */
export async function moderateSignatures(
  db: Db,
  actor: StaffActor,
  input: { selection: SignatureSelection; status: 'fraudulent' | 'invalidated'; expected?: number; reason?: string },
): Promise<{ changed: number; uncounted: number }> {
  const parsed = signatureSelectionSchema.safeParse(input.selection);
  if (!parsed.success) throw new AppError('validation', 'Choose what to select.', { selection: parsed.error.issues[0]?.message ?? 'invalid' });
  const sel = parsed.data;
  const where = signatureSelectionSql(sel);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: bigint; person_id: number; was: string }[]>`
      WITH target AS (
        SELECT s.id, s.status::text AS was FROM signature s JOIN person p ON p.id = s.person_id
        WHERE ${where} AND s.status IN ('pending', 'confirmed')
        FOR UPDATE OF s
      )
      -- The confirmation token hash is kept: the link of a marked signature no longer confirms
      -- anything (confirmSignature only takes pending and held rows), and a restore to \`pending\`
      -- (review/, issue 15) needs the signer's link to work again.
      UPDATE signature u SET status = ${input.status}::"SignatureStatus", status_changed_at = now()
      FROM target WHERE u.id = target.id
      RETURNING u.id, u.person_id, target.was`;
    if (input.expected !== undefined && rows.length > input.expected) {
      throw new AppError('conflict', `The selection now matches ${rows.length} signatures, not ${input.expected}. Preview again.`);
    }
    const uncounted = rows.filter((r) => r.was === 'confirmed').length;
    // Rollup row before counter rows: the same lock order as erasePerson.
    await subtractFromRollup(
      tx,
      sel.campaignId,
      rows.filter((r) => r.was === 'confirmed').map((r) => r.id),
    );
    await subtractFromCounters(tx, sel.campaignId, uncounted);
    await recordWebhookEvents(
      tx,
      rows.map((r) => ({
        type: 'signature.removed' as const,
        campaignId: sel.campaignId,
        signatureId: r.id,
        personId: r.person_id,
        data: { reason: input.status },
      })),
    );
    await recordAudit(tx, {
      actorId: actor.id,
      action: `signatures.mark_${input.status}`,
      entityType: 'campaign',
      entityId: sel.campaignId,
      data: {
        changed: rows.length,
        uncounted,
        reason: input.reason?.slice(0, 500) ?? null,
        selection: {
          ids: sel.ids?.slice(0, 50).map(String) ?? null,
          ipHash: sel.ipHash ?? null,
          emailDomain: sel.emailDomain ?? null,
          from: sel.from?.toISOString() ?? null,
          to: sel.to?.toISOString() ?? null,
        },
      },
    });
    return { changed: rows.length, uncounted };
  });
}

import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { parseOrValidationError } from '../parse-or-validation-error';
import { abuseListEntryInputSchema, type AbuseListEntryInput, type AbuseListKind, type AbuseListMode } from './abuse-list-entry-input';

export interface AddAbuseListEntryResult {
  id: number;
  kind: AbuseListKind;
  value: string;
  mode: AbuseListMode;
  /** added: a new entry; moved: it was on the other list and now is on this one; unchanged: already on this list (its note may be updated). */
  outcome: 'added' | 'moved' | 'unchanged';
}

/**
 * Puts an IP hash or an email domain on the block or the allow list (staff with abuse.manage).
 * One entry per (kind, value): a value already on the other list moves to this one, audited as
 * `abuse_list.remove` from the old list and `abuse_list.add` to the new, in one transaction. A
 * value already on this list stays (a new note replaces the old one) and is not audited again.
 * Invalid input is a validation error and changes nothing.
 */
export async function addAbuseListEntry(db: Db, actor: StaffActor, input: AbuseListEntryInput): Promise<AddAbuseListEntryResult> {
  if (!can(actor, 'abuse.manage')) throw new AppError('forbidden', 'You cannot change the block and allow lists.');
  const { kind, mode, value, note } = parseOrValidationError(abuseListEntryInputSchema, input);
  return db.$transaction(async (tx) => {
    // Insert, or lock the row that is there: a concurrent add of the same value waits for this one.
    const inserted = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO abuse_list_entry (kind, value, mode, note, created_by_id)
      VALUES (${kind}::"AbuseListKind", ${value}, ${mode}::"AbuseListMode", ${note}, ${actor.id})
      ON CONFLICT (kind, value) DO NOTHING
      RETURNING id`;
    if (inserted[0]) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'abuse_list.add',
        entityType: 'abuse_list_entry',
        entityId: inserted[0].id,
        data: { kind, value, mode, note },
      });
      return { id: inserted[0].id, kind, value, mode, outcome: 'added' as const };
    }
    const [existing] = await tx.$queryRaw<{ id: number; mode: AbuseListMode; note: string | null }[]>`
      SELECT id, mode::text AS mode, note FROM abuse_list_entry WHERE kind = ${kind}::"AbuseListKind" AND value = ${value} FOR UPDATE`;
    // The row cannot vanish between the conflict and the lock except by a concurrent remove; then ask again.
    if (!existing) throw new AppError('conflict', 'The list changed while saving. Try again.');
    if (existing.mode === mode) {
      if (note !== null && note !== existing.note) await tx.abuseListEntry.update({ where: { id: existing.id }, data: { note } });
      return { id: existing.id, kind, value, mode, outcome: 'unchanged' as const };
    }
    await tx.abuseListEntry.update({
      where: { id: existing.id },
      data: { mode, note, createdById: actor.id, createdAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'abuse_list.remove',
      entityType: 'abuse_list_entry',
      entityId: existing.id,
      data: { kind, value, mode: existing.mode, note: existing.note, movedTo: mode },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'abuse_list.add',
      entityType: 'abuse_list_entry',
      entityId: existing.id,
      data: { kind, value, mode, note, movedFrom: existing.mode },
    });
    return { id: existing.id, kind, value, mode, outcome: 'moved' as const };
  });
}

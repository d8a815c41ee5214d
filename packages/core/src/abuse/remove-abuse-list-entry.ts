import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

/**
 * Takes an entry off the block or allow list (staff with abuse.manage): signatures from that IP
 * hash or domain go back to the ordinary rules. Already held signatures stay held until someone
 * decides. Audited (`abuse_list.remove`); an unknown id is not_found and changes nothing.
 */
export async function removeAbuseListEntry(db: Db, actor: StaffActor, id: number): Promise<{ kind: string; value: string; mode: string }> {
  if (!can(actor, 'abuse.manage')) throw new AppError('forbidden', 'You cannot change the block and allow lists.');
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new AppError('not_found', 'No such list entry.');
  return db.$transaction(async (tx) => {
    const [removed] = await tx.$queryRaw<{ kind: string; value: string; mode: string; note: string | null }[]>`
      DELETE FROM abuse_list_entry WHERE id = ${id} RETURNING kind::text AS kind, value, mode::text AS mode, note`;
    if (!removed) throw new AppError('not_found', 'No such list entry. It may have been removed already.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'abuse_list.remove',
      entityType: 'abuse_list_entry',
      entityId: id,
      data: { kind: removed.kind, value: removed.value, mode: removed.mode, note: removed.note },
    });
    return { kind: removed.kind, value: removed.value, mode: removed.mode };
  });
}

import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { parseTargetInput, type TargetInput } from './target-input';

/** Edits a target in the directory; audited. */
export async function updateTarget(db: Db, actor: StaffActor, id: number, input: TargetInput): Promise<void> {
  const data = parseTargetInput(input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.target.updateMany({ where: { id }, data });
    if (count === 0) throw new AppError('not_found', 'No such target.');
    await recordAudit(tx, { actorId: actor.id, action: 'target.edit', entityType: 'target', entityId: id });
  });
}

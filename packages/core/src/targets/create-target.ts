import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { parseTargetInput, type TargetInput } from './target-input';

/** Adds a target to the directory; audited. */
export async function createTarget(db: Db, actor: StaffActor, input: TargetInput): Promise<{ id: number }> {
  const data = parseTargetInput(input);
  return db.$transaction(async (tx) => {
    const target = await tx.target.create({ data, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: 'target.create', entityType: 'target', entityId: target.id });
    return target;
  });
}

import type { Db, StaffRole } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';

/**
 * Changes a staff member's role. Nobody changes their own role, and the last active admin
 * cannot be demoted (someone must be able to manage staff). Audited with old and new role.
 */
export async function changeStaffRole(db: Db, actor: StaffActor, input: { userId: string; role: StaffRole }): Promise<void> {
  if (input.userId === actor.id) throw new AppError('forbidden', 'You cannot change your own role.');
  await db.$transaction(async (tx) => {
    // Serialise admin-count checks against concurrent demotions/deactivations.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(724101)`;
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError('not_found', 'No such staff member.');
    if (user.role === input.role) return;
    if (user.role === 'admin' && user.active) {
      const admins = await tx.user.count({ where: { role: 'admin', active: true } });
      if (admins <= 1) throw new AppError('conflict', 'Keep at least one active admin.');
    }
    await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'staff.role_change',
      entityType: 'staff_user',
      entityId: user.id,
      data: { email: user.email, from: user.role, to: input.role },
    });
  });
}

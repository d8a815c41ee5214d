import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';

/**
 * Deactivates (or reactivates) a staff account. A deactivated account is refused at sign-in and
 * on its very next request (sessions are checked against the database), and its database
 * sessions and pending sign-in links are deleted. Nobody deactivates themselves or the last
 * active admin. Audited.
 */
export async function setStaffActive(db: Db, actor: StaffActor, input: { userId: string; active: boolean }): Promise<void> {
  if (input.userId === actor.id && !input.active) throw new AppError('forbidden', 'You cannot deactivate yourself.');
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(724101)`;
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError('not_found', 'No such staff member.');
    if (user.active === input.active) return;
    if (!input.active && user.role === 'admin') {
      const admins = await tx.user.count({ where: { role: 'admin', active: true } });
      if (admins <= 1) throw new AppError('conflict', 'Keep at least one active admin.');
    }
    await tx.user.update({ where: { id: user.id }, data: { active: input.active } });
    if (!input.active) {
      await tx.session.deleteMany({ where: { userId: user.id } });
      await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.active ? 'staff.reactivate' : 'staff.deactivate',
      entityType: 'staff_user',
      entityId: user.id,
      data: { email: user.email },
    });
  });
}

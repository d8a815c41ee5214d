import type { Db } from '@undersigned/db';

/**
 * Stamps a staff member's last sign-in (shown on the staff page), for either way in: a password
 * checked by authenticateStaffPassword, or an emailed link the staff app's next-auth accepted.
 */
export async function recordStaffSignIn(db: Db, input: { userId: string }): Promise<void> {
  await db.user.update({ where: { id: input.userId }, data: { lastLoginAt: new Date() } });
}

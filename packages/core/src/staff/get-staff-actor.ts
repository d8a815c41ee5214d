import type { Db } from '@undersigned/db';
import type { StaffActor } from '../authorization/permissions';

/**
 * The staff user behind a session, read fresh from the database so that a role change or a
 * deactivation takes effect on the very next request. Null when unknown or deactivated.
 */
export async function getStaffActor(db: Db, userId: string | null | undefined): Promise<StaffActor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user || !user.active) return null;
  return user;
}

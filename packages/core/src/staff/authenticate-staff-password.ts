import type { Db } from '@undersigned/db';
import type { StaffActor } from '../authorization/permissions';
import { recordStaffSignIn } from './record-staff-sign-in';
import { verifyPassword } from './verify-password';

/**
 * Password sign-in: the active staff user with this email and password, or null (unknown email,
 * wrong password, no password set, deactivated — indistinguishable to the caller). Records the
 * sign-in time.
 */
export async function authenticateStaffPassword(db: Db, input: { email: string; password: string }): Promise<StaffActor | null> {
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email } });
  // Verify against a dummy hash when the user is missing, so timing does not reveal accounts.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok || !user.active) return null;
  await recordStaffSignIn(db, { userId: user.id });
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active };
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

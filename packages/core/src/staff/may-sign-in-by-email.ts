import type { Db } from '@undersigned/db';

/**
 * Magic links go only to staff who were invited (a user row exists) and are active. Anyone else
 * gets the same "check your email" answer, with no email sent.
 */
export async function maySignInByEmail(db: Db, email: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { active: true },
  });
  return Boolean(user?.active);
}

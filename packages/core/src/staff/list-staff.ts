import type { Db } from '@undersigned/db';

/** All staff accounts, active first, then by email. */
export async function listStaff(db: Db) {
  return db.user.findMany({
    orderBy: [{ active: 'desc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      lastLoginAt: true,
      createdAt: true,
      passwordHash: false,
    },
  });
}

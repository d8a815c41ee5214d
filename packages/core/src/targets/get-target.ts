import type { Db } from '@undersigned/db';

/** One directory target, or null. */
export async function getTarget(db: Db, id: number) {
  return db.target.findUnique({ where: { id } });
}

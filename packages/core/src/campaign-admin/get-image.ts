import type { Db } from '@undersigned/db';

/** An stored image's bytes and type, or null. */
export async function getImage(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db.image.findUnique({ where: { id }, select: { bytes: true, contentType: true, alt: true } });
}

import type { Db } from '@undersigned/db';
import { canonicalizeEmail } from '../signatures/canonicalize-email';

/** Finds supporters by email (exact, canonical) for erasure requests, with their signatures. */
export async function findPeopleByEmail(db: Db, email: string) {
  const canonical = canonicalizeEmail(email);
  if (!canonical) return [];
  return db.person.findMany({
    where: { OR: [{ canonicalEmail: canonical }, { email: { equals: email.trim(), mode: 'insensitive' } }] },
    include: {
      signatures: {
        select: { id: true, status: true, createdAt: true, campaign: { select: { id: true, slug: true } } },
        orderBy: { createdAt: 'desc' },
      },
    },
    take: 10,
  });
}

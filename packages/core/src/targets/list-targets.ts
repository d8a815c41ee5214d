import type { Db } from '@undersigned/db';

/** The target directory, searchable by name, title, organization, email or OCD id. */
export async function listTargets(db: Db, query: { q?: string } = {}) {
  const q = query.q?.trim();
  const contains = (field: string) => ({ [field]: { contains: q, mode: 'insensitive' as const } });
  return db.target.findMany({
    where: q
      ? {
          OR: ['title', 'givenName', 'familyName', 'organization', 'email', 'ocdDivisionId'].map(contains),
        }
      : undefined,
    orderBy: [{ familyName: 'asc' }, { title: 'asc' }, { id: 'asc' }],
    take: 500,
    include: { _count: { select: { campaigns: true } } },
  });
}

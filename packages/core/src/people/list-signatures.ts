import { Prisma, type Db, type SignatureStatus } from '@undersigned/db';

export interface SignatureListQuery {
  campaignId: number;
  /** Name, email or postal code (prefix for postal codes). */
  q?: string;
  status?: SignatureStatus;
  page?: number;
  pageSize?: number;
}

export interface SignatureListRow {
  id: string;
  personId: number;
  givenName: string;
  familyName: string;
  email: string;
  postalCode: string | null;
  locality: string | null;
  status: SignatureStatus;
  source: string | null;
  comment: string | null;
  ipHash: string | null;
  createdAt: Date;
}

/** Staff signatures browser: newest first, searchable, paginated, with an exact total. */
export async function listSignatures(db: Db, query: SignatureListQuery) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const parts: Prisma.Sql[] = [Prisma.sql`s.campaign_id = ${query.campaignId}`];
  if (query.status) parts.push(Prisma.sql`s.status = ${query.status}::"SignatureStatus"`);
  const q = query.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(Prisma.sql`(p.email ILIKE ${like} OR p.canonical_email ILIKE ${like}
      OR (s.given_name || ' ' || s.family_name) ILIKE ${like} OR s.postal_code ILIKE ${`${q}%`})`);
  }
  const where = Prisma.join(parts, ' AND ');
  const [rows, [total]] = await Promise.all([
    db.$queryRaw<
      {
        id: bigint; person_id: number; given_name: string; family_name: string; email: string; postal_code: string | null;
        locality: string | null; status: SignatureStatus; source: string | null; comment: string | null; ip_hash: string | null; created_at: Date;
      }[]
    >`SELECT s.id, s.person_id, s.given_name, s.family_name, p.email, s.postal_code, s.locality, s.status,
             s.source, s.comment, s.ip_hash, s.created_at
      FROM signature s JOIN person p ON p.id = s.person_id
      WHERE ${where} ORDER BY s.created_at DESC, s.id DESC
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM signature s JOIN person p ON p.id = s.person_id WHERE ${where}`,
  ]);
  return {
    rows: rows.map<SignatureListRow>((r) => ({
      id: r.id.toString(),
      personId: r.person_id,
      givenName: r.given_name,
      familyName: r.family_name,
      email: r.email,
      postalCode: r.postal_code,
      locality: r.locality,
      status: r.status,
      source: r.source,
      comment: r.comment,
      ipHash: r.ip_hash,
      createdAt: r.created_at,
    })),
    total: Number(total?.n ?? 0),
    page,
    pageSize,
  };
}

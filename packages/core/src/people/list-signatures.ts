import { Prisma, type Db, type SignatureStatus } from '@undersigned/db';
import { countConfirmedSignatures } from '../campaign-admin/count-confirmed-signatures';
import { foldCampaignRollup } from '../campaign-admin/fold-campaign-rollup';

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

/** Staff signatures browser: newest first, searchable, paginated, with an exact total. Browsing without a search costs the same for 1,000 or 1,000,000 signatures. */
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
  type Row = {
    id: bigint;
    person_id: number;
    given_name: string;
    family_name: string;
    email: string;
    postal_code: string | null;
    locality: string | null;
    status: SignatureStatus;
    source: string | null;
    comment: string | null;
    ip_hash: string | null;
    created_at: Date;
  };
  const columns = Prisma.sql`s.id, s.person_id, s.given_name, s.family_name, p.email, s.postal_code, s.locality, s.status,
             s.source, s.comment, s.ip_hash, s.created_at`;
  let rows: Row[];
  let total: number;
  if (q) {
    // A search reads what it must (ILIKE over names and emails); its total is exact.
    const where = Prisma.join(parts, ' AND ');
    const [found, [n]] = await Promise.all([
      db.$queryRaw<Row[]>`SELECT ${columns} FROM signature s JOIN person p ON p.id = s.person_id
        WHERE ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM signature s JOIN person p ON p.id = s.person_id WHERE ${where}`,
    ]);
    rows = found;
    total = Number(n?.n ?? 0);
  } else {
    // Browsing (no search): bounded by the page, not the campaign. Each status is a range of the
    // (campaign_id, status, created_at DESC) index, merged newest first; the total is the
    // rollup's confirmed count plus index-only counts of the other statuses (exact).
    const statuses: SignatureStatus[] = query.status ? [query.status] : ['pending', 'confirmed', 'held', 'fraudulent', 'invalidated'];
    const upTo = page * pageSize;
    await foldCampaignRollup(db, query.campaignId);
    const ranges = Prisma.join(
      statuses.map(
        (status) => Prisma.sql`(SELECT * FROM signature WHERE campaign_id = ${query.campaignId}
        AND status = ${status}::"SignatureStatus" ORDER BY created_at DESC, id DESC LIMIT ${upTo})`,
      ),
      ' UNION ALL ',
    );
    const [found, counts] = await Promise.all([
      db.$queryRaw<Row[]>`SELECT ${columns} FROM (${ranges}) s JOIN person p ON p.id = s.person_id
        ORDER BY s.created_at DESC, s.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      Promise.all(
        statuses.map((status) =>
          status === 'confirmed'
            ? countConfirmedSignatures(db, query.campaignId)
            : db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*)::bigint AS n FROM signature WHERE campaign_id = ${query.campaignId} AND status = ${status}::"SignatureStatus"`.then(([r]) =>
                Number(r?.n ?? 0),
              ),
        ),
      ),
    ]);
    rows = found;
    total = counts.reduce((a, b) => a + b, 0);
  }
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
    total,
    page,
    pageSize,
  };
}

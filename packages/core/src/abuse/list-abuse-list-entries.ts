import type { Db } from '@undersigned/db';
import type { AbuseListKind, AbuseListMode } from './abuse-list-entry-input';

export interface AbuseListEntryRow {
  id: number;
  kind: AbuseListKind;
  value: string;
  mode: AbuseListMode;
  note: string | null;
  createdAt: Date;
  createdBy: { id: string; email: string; name: string | null } | null;
}

export interface ListAbuseListEntriesQuery {
  kind?: AbuseListKind;
  mode?: AbuseListMode;
  /** 1-based; a page past the end is an empty page. */
  page?: number;
  pageSize?: number;
}

/** The block and allow lists, newest first (by when a value was put on its list), paginated. */
export async function listAbuseListEntries(
  db: Db,
  query: ListAbuseListEntriesQuery = {},
): Promise<{ rows: AbuseListEntryRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? 50), 1), 200);
  const page = Math.min(Math.max(Math.trunc(query.page ?? 1), 1), 100_000);
  const where = { ...(query.kind ? { kind: query.kind } : {}), ...(query.mode ? { mode: query.mode } : {}) };
  const [rows, total] = await Promise.all([
    db.abuseListEntry.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { createdBy: { select: { id: true, email: true, name: true } } },
    }),
    db.abuseListEntry.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, kind: r.kind, value: r.value, mode: r.mode, note: r.note, createdAt: r.createdAt, createdBy: r.createdBy })),
    total,
    page,
    pageSize,
  };
}

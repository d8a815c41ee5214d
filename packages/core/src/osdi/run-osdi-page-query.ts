import { Prisma, type Db } from '@undersigned/db';
import { encodeOsdiCursor, type OsdiCollectionQuery } from './parse-osdi-collection-query';

/** One page of an authenticated OSDI collection. */
export interface OsdiPage<T> {
  items: T[];
  page: number;
  perPage: number;
  /** As counted for the first page of this walk (carried by the cursor afterwards). */
  total: number;
  /** Opens the next page (keyset), or null on the last page. */
  nextCursor: string | null;
}

/** What a collection is, for runOsdiPageQuery. Every piece is trusted SQL written in core. */
export interface OsdiPageSource {
  /** The columns the caller's mapper reads. */
  columns: Prisma.Sql;
  /** `table alias [JOIN …]`. */
  from: Prisma.Sql;
  /** Who may see what (scope, erasure, anonymisation), ANDed. */
  where: Prisma.Sql[];
  /** The id column, and its SQL type (for the keyset parameter). */
  id: Prisma.Sql;
  idType: 'int' | 'bigint';
  /** The modified_date and created_date columns (filters, and the (date, id) orders). */
  modified: Prisma.Sql;
  created: Prisma.Sql;
  /**
   * A column every row shares by an equality in `where` (a petition's campaign_id), put first in
   * ORDER BY so the planner walks the (campaign_id, …) index rather than the primary key.
   */
  orderPrefix?: Prisma.Sql;
  /** Order `created` walks by id instead (ids grow with creation; used where no (created, id) index exists). */
  createdById?: boolean;
}

interface KeyColumns {
  k_id: string;
  k_at: Date | null;
}

/**
 * Runs one page of a collection with keyset paging: with a cursor, `WHERE (date, id) > (last)`
 * (or `id > last`) walks the (…, date, id) index from where the previous page stopped, so the
 * last page costs what the first does and rows arriving meanwhile neither shift nor repeat rows.
 * A bare `page=N` falls back to OFFSET. total_records is counted only without a cursor (the
 * cursor carries the first page's figure). Fetches one row more than a page to know whether
 * there is a next one.
 */
export async function runOsdiPageQuery<Row extends object>(db: Db, source: OsdiPageSource, q: OsdiCollectionQuery): Promise<OsdiPage<Row>> {
  const sql = buildOsdiPageSql(source, q);
  const [rows, total] = await Promise.all([
    db.$queryRaw<(Row & KeyColumns)[]>(sql.rows),
    q.cursor ? Promise.resolve(q.cursor.total) : db.$queryRaw<{ n: bigint }[]>(sql.count).then((r) => Number(r[0]?.n ?? 0)),
  ]);
  const more = rows.length > q.perPage;
  const page = more ? rows.slice(0, q.perPage) : rows;
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeOsdiCursor({
          order: q.order,
          at: sql.sortAt ? (last.k_at?.toISOString() ?? null) : null,
          id: last.k_id,
          page: q.page + 1,
          total,
          filter: q.filterText,
        })
      : null;
  return { items: page.map(({ k_id: _id, k_at: _at, ...row }) => row as unknown as Row), page: q.page, perPage: q.perPage, total, nextCursor };
}

/** The page and count statements of runOsdiPageQuery (exported so a test can EXPLAIN them). Pure. */
export function buildOsdiPageSql(source: OsdiPageSource, q: OsdiCollectionQuery): { rows: Prisma.Sql; count: Prisma.Sql; sortAt: Prisma.Sql | null } {
  const conditions = [...source.where];
  const range = (column: Prisma.Sql, r: { gt?: Date; lt?: Date } | undefined) => {
    if (r?.gt) conditions.push(Prisma.sql`${column} > ${r.gt}::timestamptz`);
    if (r?.lt) conditions.push(Prisma.sql`${column} < ${r.lt}::timestamptz`);
  };
  range(source.modified, q.filter.modified);
  range(source.created, q.filter.created);
  const filtered = [...conditions];

  const sortAt = q.order === 'modified' ? source.modified : q.order === 'created' && !source.createdById ? source.created : null;
  const idParam = (id: string) => (source.idType === 'int' ? Prisma.sql`${Number(id)}::int` : Prisma.sql`${BigInt(id)}::bigint`);
  if (q.cursor) {
    conditions.push(
      sortAt && q.cursor.at
        ? Prisma.sql`(${sortAt}, ${source.id}) > (${new Date(q.cursor.at)}::timestamptz, ${idParam(q.cursor.id)})`
        : Prisma.sql`${source.id} > ${idParam(q.cursor.id)}`,
    );
  }
  const where = (list: Prisma.Sql[]) => (list.length ? Prisma.sql`WHERE ${Prisma.join(list, ' AND ')}` : Prisma.empty);
  const orderBy = Prisma.sql`ORDER BY ${Prisma.join([...(source.orderPrefix ? [source.orderPrefix] : []), ...(sortAt ? [sortAt] : []), source.id], ', ')}`;
  const offset = q.cursor ? Prisma.empty : Prisma.sql`OFFSET ${(q.page - 1) * q.perPage}`;

  return {
    rows: Prisma.sql`
      SELECT ${source.columns}, ${source.id}::text AS k_id, ${sortAt ?? Prisma.sql`NULL::timestamptz`} AS k_at
      FROM ${source.from} ${where(conditions)} ${orderBy} LIMIT ${q.perPage + 1} ${offset}`,
    count: Prisma.sql`SELECT count(*) AS n FROM ${source.from} ${where(filtered)}`,
    sortAt,
  };
}

import type { Db } from '@undersigned/db';

/**
 * Runs one parameterised SQL statement and returns its rows. Lets the same signing SQL run on the
 * Prisma client (ordinary requests, tests) and on a bare `pg` pool (the group-commit hot path).
 * Return int8 columns as text (`::text`): drivers disagree on how they decode them.
 */
export type SqlExecutor = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export function prismaExecutor(db: Db): SqlExecutor {
  return (sql, params) => db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params);
}

/** Anything with node-postgres' `query(text, values)` (a Pool or a Client). */
export interface PgQueryable {
  query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export function pgExecutor(pool: PgQueryable): SqlExecutor {
  return async (sql, params) => (await pool.query(sql, params)).rows;
}

import { createHash } from 'node:crypto';
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

/** Anything with node-postgres' `query({ name, text, values })` (a Pool or a Client). */
export interface PgQueryable {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

const statementNames = new Map<string, string>();

/** A stable prepared-statement name per SQL text. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `us_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * Runs statements as named prepared statements: each pooled connection parses the signing
 * statement once (a CTE over 18 arrays) instead of on every batch, and Postgres may then keep
 * its plan. Only for the few fixed statements of the hot path — never for SQL built per call.
 */
export function pgExecutor(pool: PgQueryable): SqlExecutor {
  return async (sql, params) => (await pool.query({ name: statementName(sql), text: sql, values: params })).rows;
}

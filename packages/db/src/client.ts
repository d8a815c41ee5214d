import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { dbEnv } from './env';

export type Db = PrismaClient;

export interface CreateDbOptions {
  /** Defaults to DATABASE_URL. */
  url?: string;
  /** Pool size for this process; defaults to DATABASE_POOL_MAX. */
  max?: number;
}

/** A new Prisma client over node-postgres. Callers own it and must `$disconnect()` it. */
export function createDb(options: CreateDbOptions = {}): Db {
  const env = options.url ? undefined : dbEnv();
  const connectionString = options.url ?? env!.DATABASE_URL;
  const max = options.max ?? env?.DATABASE_POOL_MAX ?? 10;
  // The pool is made here (not by the adapter) so that metrics can read its connection counts
  // (pgPoolOf); the adapter still ends it on $disconnect.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

const pools = new WeakMap<Db, pg.Pool>();

/** The node-postgres pool under a client made by createDb, for its connection counts (metrics). */
export function pgPoolOf(db: Db): Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'> | undefined {
  return pools.get(db);
}

const globalForDb = globalThis as unknown as { __undersignedDb?: Db };

/**
 * The process-wide client (one pool per process). Kept on globalThis so that Next.js dev
 * reloads do not open a new pool on every change.
 */
export function getDb(): Db {
  globalForDb.__undersignedDb ??= createDb();
  return globalForDb.__undersignedDb;
}

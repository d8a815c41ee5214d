/**
 * Test databases: every integration test file gets its own PostgreSQL database, cloned in
 * ~0.2 s from a template that `prisma migrate deploy` built from prisma/migrations (rebuilt only
 * when the migrations change). Real Postgres, real migrations, no shared state between files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../client';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');
const TEMPLATE = 'undersigned_test_template';

/** Connection to the server's maintenance database (creates and drops test databases). */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const dir of readdirSync(MIGRATIONS).sort()) {
    const file = path.join(MIGRATIONS, dir, 'migration.sql');
    if (!statSync(path.join(MIGRATIONS, dir)).isDirectory()) continue;
    hash.update(dir).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes sure the template database exists and carries the current migrations. Safe to call
 * from several processes at once (an advisory lock serialises the build).
 */
export async function ensureTestTemplate(): Promise<void> {
  const want = migrationsHash();
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(724001)');
    try {
      const { rows } = await admin.query<{ comment: string | null }>(
        `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
        [TEMPLATE],
      );
      if (rows[0]?.comment === want) return;
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${TEMPLATE}`);
      execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
        cwd: path.join(ROOT, 'packages', 'db'),
        env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await admin.query(`COMMENT ON DATABASE ${TEMPLATE} IS '${want}'`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(724001)');
    }
  });
}

export interface TestDatabase {
  name: string;
  url: string;
  /** A Prisma client on this database (closed by drop()). */
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database for one test file. Call drop() in afterAll. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  await ensureTestTemplate();
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const name = `undersigned_t_${safe}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin(async (admin) => {
    // Cloning needs the template free of other sessions; retry briefly if a parallel clone holds it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const url = databaseUrl(name);
  const db = createDb({ url, max: 10 });
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Drops test databases left behind by crashed runs (older than an hour, or all with force). */
export async function dropStaleTestDatabases(): Promise<number> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'undersigned\\_t\\_%'`,
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.length;
  });
}

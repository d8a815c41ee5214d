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

/**
 * A fresh, migrated, empty database for one test file. Call drop() in afterAll — or let
 * useTestDatabase register both hooks.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  await ensureTestTemplate();
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
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
      await withAdmin(async (admin) => {
        // node-postgres' pool.end() resolves once its clients are told to close, before their
        // sessions have ended: give those a moment, so that FORCE (which ends whatever is left,
        // e.g. a server a test killed) does not terminate them mid-goodbye — each would then
        // raise "terminating connection due to administrator command" in the test process.
        for (let waited = 0; waited < 2_000; waited += 50) {
          const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]?.n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

/** The test database of a file or describe block (useTestDatabase): usable from its beforeAll to its afterAll. */
export interface TestDatabaseHandle {
  readonly name: string;
  readonly url: string;
  /** A Prisma client on this database (closed when the database is dropped). */
  readonly db: Db;
}

export interface UseTestDatabaseOptions {
  /**
   * Closes what the file opened on the database (a pg pool, a server) before it is dropped. It
   * runs first in the hook that drops the database, which jest runs before any afterAll declared
   * after useTestDatabase (afterAll hooks run in declaration order).
   */
  beforeDrop?: () => unknown;
  /** Timeout of the beforeAll that creates the database (ms; jest's testTimeout by default). */
  timeout?: number;
}

/**
 * Registers, in the calling file or describe block, a beforeAll that creates a test database and
 * an afterAll that drops it, and returns the database: its `db`, `url` and `name` work in tests
 * and hooks, and throw a clear error outside that span (e.g. at module top level). Further setup
 * goes in a beforeAll declared after this call (jest runs beforeAll hooks in declaration order);
 * anything that must be closed before the drop goes in `beforeDrop`.
 */
export function useTestDatabase(label: string, options: UseTestDatabaseOptions = {}): TestDatabaseHandle {
  let state: 'pending' | 'ready' | 'failed' | 'dropped' = 'pending';
  let current: TestDatabase | undefined;
  const use = (): TestDatabase => {
    if (current) return current;
    const when = {
      pending: 'has not been created yet: use it inside a test or hook, not where tests are defined',
      failed: 'could not be created (see the beforeAll error)',
      dropped: 'has already been dropped (afterAll)',
      ready: '',
    }[state];
    throw new Error(`useTestDatabase('${label}'): the test database ${when}`);
  };
  beforeAll(async () => {
    state = 'failed';
    current = await createTestDatabase(label);
    state = 'ready';
  }, options.timeout);
  afterAll(async () => {
    try {
      await options.beforeDrop?.();
    } finally {
      const t = current;
      current = undefined;
      if (t) state = 'dropped';
      await t?.drop();
    }
  });
  return {
    get name() {
      return use().name;
    },
    get url() {
      return use().url;
    },
    get db() {
      return use().db;
    },
  };
}

/**
 * The process that created a test database, from its name (`undersigned_t_<label>_<pid>_<random>`),
 * or null for a name not made by createTestDatabase.
 */
export function testDatabaseOwnerPid(name: string): number | null {
  const match = /^undersigned_t_.+_(\d{1,10})_[a-z0-9]{1,8}$/.exec(name);
  return match ? Number(match[1]) : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops test databases left behind by crashed runs: those whose creating process is gone. A
 * database of a test run, drill or benchmark still running on this machine is left alone (a
 * `npm test` started beside a long `npm run bench` once dropped the benchmark's database).
 */
export async function dropStaleTestDatabases(): Promise<number> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'undersigned\\_t\\_%'`);
    const stale = rows.filter(({ datname }) => {
      const pid = testDatabaseOwnerPid(datname);
      return pid === null || !isAlive(pid);
    });
    for (const { datname } of stale) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return stale.length;
  });
}

// Prisma CLI configuration. Loaded only by the `prisma` CLI (generate, migrate), never at runtime.
//
// Why it looks like this (see docs/STACK.md at the repository root):
// - Prisma's native schema engine is downloaded from a host that is unreachable here and in
//   air-gapped deployments. We use Prisma 6.19's JavaScript/wasm schema engine over the pg driver
//   adapter instead (`engine: 'js'`), so `migrate deploy` needs no download.
// - prisma/orm#27403: the js engine cannot deserialise some pg catalog column types (`name`, …);
//   in this process only, we report those columns as text.
// - The adapter's shadow database is dropped while still in use (see MigratePg).
// - With a connectionString, the adapter's shadow database silently becomes the main database, so
//   we pass host/port/user/database as separate fields.
import path from 'node:path';
import { loadEnvFile } from '@undersigned/config/load-env-file';
import { createRequire } from 'node:module';
import { defineConfig } from 'prisma/config';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

const require = createRequire(__filename);

// Prisma does not load .env itself; the repo keeps one .env at its root (ENV_FILE=off: none).
loadEnvFile();

// prisma/orm#27403 — pg type ids the js schema engine cannot deserialise: treat them as text (25).
const TEXTLIKE_OIDS = new Set([18, 19, 22, 24, 30, 194, 2205, 2206]);
type PgField = { dataTypeID: number };
const PgResult = require('pg/lib/result') as {
  prototype: { addFields: (fields: PgField[]) => void };
};
const originalAddFields = PgResult.prototype.addFields;
PgResult.prototype.addFields = function addFields(fields: PgField[]) {
  for (const field of fields) if (TEXTLIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
  return originalAddFields.call(this, fields);
};

// The generator and the CLI check for native engine files before every command; any
// existing file satisfies the check (the js engine is used for migrations).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath;

function connectionFields() {
  const raw = process.env.DATABASE_URL;
  if (!raw) return null;
  const url = new URL(raw);
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
}

type PgFields = NonNullable<ReturnType<typeof connectionFields>>;

// The adapter drops its shadow database while its own pool still holds a connection, so
// `migrate dev` fails with "database … is being accessed by other users". Same flow, but the
// pool is closed before the drop (and the drop is forced).
class MigratePg extends PrismaPg {
  constructor(private readonly fields: PgFields) {
    super(fields);
  }

  private async admin(sql: string) {
    const client = new pg.Client(this.fields);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  override async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
    await this.admin(`CREATE DATABASE "${database}"`);
    const adapter = await new PrismaPg({ ...this.fields, database }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join(__dirname, '..', '..', 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, '..', '..', 'prisma', 'migrations') },
  engine: 'js',
  adapter: async () => {
    const fields = connectionFields();
    if (!fields) throw new Error('DATABASE_URL is not set (see .env.example)');
    return process.env.PLAIN ? new PrismaPg(fields) : new MigratePg(fields);
  },
});

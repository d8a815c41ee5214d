#!/usr/bin/env node
// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the change between the schema
// as of the last migration (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma.
//
// Why not `prisma migrate dev`: Prisma's offline (wasm) schema engine panics while introspecting
// a database that has CHECK constraints, and our migrations add several by hand (see the end of
// the init migration). `prisma migrate diff` between two schema files needs no database, and
// `prisma migrate deploy` (what every environment runs) is unaffected.
//
// Usage: npm run db:migration:new -- add_widget_table
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration:new -- <snake_case_name>');
  process.exit(2);
}
const schema = path.join(root, 'prisma', 'schema.prisma');
const snapshot = path.join(root, 'prisma', 'migrations', 'schema.snapshot.prisma');
const sql = execFileSync('npx', ['prisma', 'migrate', 'diff', '--from-schema-datamodel', snapshot, '--to-schema-datamodel', schema, '--script'], {
  cwd: path.join(root, 'packages', 'db'),
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (/^-- This is an empty migration\.?\s*$/m.test(sql) || !sql.trim()) {
  console.log('No schema change since the last migration.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
copyFileSync(schema, snapshot);
console.log(
  `Wrote ${path.relative(root, dir)}/migration.sql — review it, add any CHECK constraints by hand (no ';' inside SQL comments), then npm run db:migrate.`,
);

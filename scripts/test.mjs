#!/usr/bin/env node
// `npm test`: builds the migrated template database once, runs every workspace's tests through
// turbo (real Postgres, Redis and in-process SMTP), then prints the totals on a line of their own
// in the form "N passed, N failed" — the line CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const workspaces = ['apps', 'packages'].flatMap((dir) =>
  readdirSync(path.join(root, dir)).map((name) => path.join(root, dir, name)),
);
for (const ws of workspaces) rmSync(path.join(ws, '.jest-results.json'), { force: true });

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' };
const prepare = spawnSync('npx', ['tsx', 'scripts/prepare-tests.ts'], { cwd: root, stdio: 'inherit', env });
if (prepare.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const extra = process.argv.slice(2);
const run = spawnSync(
  'npx',
  ['turbo', 'run', 'test', '--concurrency=1', '--continue', '--output-logs=full', ...extra],
  { cwd: root, stdio: 'inherit', env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const ws of workspaces) {
  const pkg = JSON.parse(readFileSync(path.join(ws, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  const file = path.join(ws, '.jest-results.json');
  if (!existsSync(file)) {
    missing.push(pkg.name);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
// A workspace whose runner never reported (crashed before the reporter ran) counts as a failure.
if (run.status !== 0 && failed === 0) failed += Math.max(1, missing.length);
if (missing.length && extra.length === 0) console.log(`No results from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);

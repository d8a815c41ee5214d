#!/usr/bin/env node
// `npm test`: builds the migrated template database once, runs every workspace's tests through
// turbo (real Postgres, Redis and in-process SMTP), then the browser journeys of both apps
// against their production builds, and prints the totals on a line of their own in the form
// "N passed, N failed" — the line CI reads. SKIP_E2E=1 leaves the browser journeys out.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { warnOnOldNode } from './check-node-version.mjs';

const root = path.resolve(import.meta.dirname, '..');
warnOnOldNode('test');
const workspaces = ['apps', 'packages']
  .flatMap((dir) => readdirSync(path.join(root, dir)).map((name) => path.join(root, dir, name)))
  .concat(path.join(root, 'drills'));
for (const ws of workspaces) rmSync(path.join(ws, '.jest-results.json'), { force: true });

// ENV_FILE=off: no process of the test run (jest, the builds, the servers the harness starts)
// reads the repository's .env; tests take every setting from the harness (@undersigned/testing),
// so `npm test` behaves the same on a fresh clone as after `npm run dev` wrote a .env.
const env = { ...process.env, ENV_FILE: 'off', TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' };
const prepare = spawnSync('npx', ['tsx', 'scripts/prepare-tests.ts'], { cwd: root, stdio: 'inherit', env });
if (prepare.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const extra = process.argv.slice(2);
const withE2e = extra.length === 0 && process.env.SKIP_E2E !== '1';

// Production builds of both apps first (turbo caches them): the browser journeys and the drills
// run them, and apps/web's client-bundle scan reads what they ship to browsers. They are built
// with the test run's secrets set, so the scan knows exactly what a leak would carry.
const secrets = JSON.parse(readFileSync(path.join(root, 'packages', 'testing', 'src', 'test-secrets.json'), 'utf8'));
const build = withE2e
  ? spawnSync('npx', ['turbo', 'run', 'build', '--filter=@undersigned/web', '--filter=@undersigned/staff', '--output-logs=errors-only'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, ...secrets },
    })
  : { status: 0 };

const run = spawnSync('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', '--output-logs=full', ...extra], {
  cwd: root,
  stdio: 'inherit',
  env,
});

// Browser journeys (Debian chromium via playwright-core) against production builds: the public
// app's (e2e/web-*.spec.ts) and the staff app's, route × role matrix included (e2e/staff-*.spec.ts).
// Skipped when a workspace filter was given (npm test -- --filter=…).
const e2eSuites = [
  { name: 'e2e (public app)', args: ['jest', '-c', 'e2e/jest.config.js'] },
  { name: 'e2e (staff app)', args: ['jest', '-c', 'apps/staff/jest.e2e.config.js'] },
];
const e2eResults = [];
let e2eFailed = false;
if (withE2e) {
  if (build.status !== 0) e2eFailed = true;
  for (const suite of e2eSuites) {
    if (build.status !== 0) break;
    const file = path.join(root, `.jest-results.${suite.name.replace(/\W+/g, '-')}.json`);
    rmSync(file, { force: true });
    console.log(`\n== ${suite.name}`);
    const r = spawnSync(
      'npx',
      [...suite.args, '--reporters=default', `--reporters=${path.join(root, 'packages', 'config', 'jest-totals-reporter.js')}`],
      { cwd: root, stdio: 'inherit', env: { ...env, E2E_SKIP_BUILD: '1', JEST_TOTALS_FILE: file } },
    );
    if (existsSync(file)) e2eResults.push(JSON.parse(readFileSync(file, 'utf8')));
    else e2eFailed = true;
    if (r.status !== 0) e2eFailed = true;
  }
}

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
for (const r of e2eResults) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
if (e2eFailed && e2eResults.every((r) => r.failed === 0)) failed += 1;
// A workspace whose runner never reported (crashed before the reporter ran) counts as a failure.
if (run.status !== 0 && failed === 0) failed += Math.max(1, missing.length);
if (missing.length && extra.length === 0) console.log(`No results from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 || e2eFailed ? 1 : 0);

// Harness for the staff browser journeys and the route × role matrix (e2e/staff-*.spec.ts):
// a fresh migrated + seeded database, the production build of apps/staff served by `next start`
// on a random port, an in-process SMTP server for magic links, and staff users of every role.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { chromium, type Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import type { StaffRole } from '@undersigned/db';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const STAFF_APP = path.join(ROOT, 'apps', 'staff');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
export const AUTH_SECRET = 'e2e-staff-auth-secret-0123456789abcdefghijklmnop';
export const ADMIN = { email: 'admin@e2e.example', password: 'e2e-admin-password' };

export interface StaffEnvironment {
  baseUrl: string;
  databaseUrl: string;
  db: TestDatabase['db'];
  smtp: SmtpSink;
  users: Record<'viewer' | 'campaigner' | 'admin' | 'deactivated', { id: string; email: string }>;
  /** A session cookie for this user, minted like next-auth does (JWT, AUTH_SECRET). */
  sessionCookie(userId: string, email: string): Promise<{ name: string; value: string }>;
  /** The same cookie, correctly signed but expired an hour ago (its `exp` is in the past). */
  expiredSessionCookie(userId: string, email: string): Promise<{ name: string; value: string }>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(`${url}/login`, { redirect: 'manual' });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`staff app did not start at ${url} (${last}); see e2e/artifacts/staff-server.log`);
}

/** Builds apps/staff once per run unless E2E_SKIP_BUILD=1 and a build exists. */
function ensureBuilt(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(path.join(STAFF_APP, '.next', 'BUILD_ID'))) return;
  execFileSync('npm', ['run', 'build', '-w', '@undersigned/staff'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.E2E_SKIP_BUILD = '1';
}

export async function startStaffEnvironment(label: string, extraEnv: Record<string, string> = {}): Promise<StaffEnvironment> {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureBuilt();
  const t = await createTestDatabase(`e2e_staff_${label}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'prisma', 'seed', 'index.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const admin = await t.db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
  const make = (email: string, role: StaffRole, active = true) => t.db.user.create({ data: { email, role, active } });
  const viewer = await make('viewer@e2e.example', 'viewer');
  const campaigner = await make('campaigner@e2e.example', 'campaigner');
  const deactivated = await make('gone@e2e.example', 'campaigner', false);

  const smtp = await startSmtpSink();
  const port = await freePort();
  // next start answers with absolute URLs on "localhost" (next-auth builds its links and
  // redirects from them), so the browser must use that host for its cookies to match.
  const baseUrl = `http://localhost:${port}`;
  const log = openSync(path.join(ARTIFACTS, `staff-server-${label}.log`), 'w');
  const server: ChildProcess = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next', { paths: [STAFF_APP] }), 'start', '--port', String(port)],
    {
      cwd: STAFF_APP,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: t.url,
        AUTH_SECRET,
        AUTH_URL: '',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Undersigned staff <staff@e2e.example>',
        STAFF_URL: baseUrl,
        PUBLIC_WEB_URL: 'http://127.0.0.1:9',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: `e2e-staff-${label}-${process.pid}`,
        ...extraEnv,
      },
      stdio: ['ignore', log, log],
    },
  );
  await waitUntilUp(baseUrl, 30_000);

  return {
    baseUrl,
    databaseUrl: t.url,
    db: t.db,
    smtp,
    users: {
      admin: { id: admin.id, email: admin.email },
      viewer: { id: viewer.id, email: viewer.email },
      campaigner: { id: campaigner.id, email: campaigner.email },
      deactivated: { id: deactivated.id, email: deactivated.email },
    },
    async sessionCookie(userId, email) {
      const name = 'authjs.session-token';
      const value = await encode({ token: { sub: userId, email }, secret: AUTH_SECRET, salt: name, maxAge: 3600 });
      return { name, value };
    },
    async expiredSessionCookie(userId, email) {
      const name = 'authjs.session-token';
      // encode() sets exp = now + maxAge, so a negative maxAge mints a token that expired already.
      const value = await encode({ token: { sub: userId, email }, secret: AUTH_SECRET, salt: name, maxAge: -3600 });
      return { name, value };
    },
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await smtp.close();
      await t.drop();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

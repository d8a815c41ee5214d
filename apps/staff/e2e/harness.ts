// Harness for the staff browser journeys and the route × role matrix (e2e/staff-*.spec.ts):
// a fresh migrated + seeded database, the production build of apps/staff served by `next start`
// on a random port, an in-process SMTP server for magic links, and staff users of every role.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import type { StaffRole } from '@undersigned/db';
import {
  ensureAppBuild,
  freePort,
  inheritedEnv,
  REPO_ROOT,
  seedDatabase,
  startProcess,
  TEST_ADMIN,
  TEST_SECRETS,
  testEnv,
  waitUntilUp,
} from '@undersigned/testing';

export { launchBrowser } from '@undersigned/testing/browser';
export const ROOT = REPO_ROOT;
export const STAFF_APP = path.join(ROOT, 'apps', 'staff');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
const AUTH_SECRET = TEST_SECRETS.AUTH_SECRET;
/** The bootstrap admin the seed creates (ADMIN_EMAIL / ADMIN_PASSWORD of testEnv). */
export const ADMIN: { email: string; password: string } = TEST_ADMIN;

export type StaffUser = 'viewer' | 'campaigner' | 'admin' | 'deactivated';

export interface StaffEnvironment {
  baseUrl: string;
  databaseUrl: string;
  /** The staff server's environment (testEnv): a worker a spec starts shares its queues and secrets. */
  env: Record<string, string>;
  db: TestDatabase['db'];
  smtp: SmtpSink;
  users: Record<StaffUser, { id: string; email: string }>;
  /** A session cookie for this user, minted like next-auth does (JWT, AUTH_SECRET). */
  sessionCookie(userId: string, email: string): Promise<{ name: string; value: string }>;
  /** The same cookie, correctly signed but expired an hour ago (its `exp` is in the past). */
  expiredSessionCookie(userId: string, email: string): Promise<{ name: string; value: string }>;
  /** A page in a browser context of its own (desktop width unless told), signed in as this user. */
  signedInPage(browser: Browser, who: StaffUser, viewport?: { width: number; height: number }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startStaffEnvironment(label: string, extraEnv: Record<string, string> = {}): Promise<StaffEnvironment> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Built once per run (npm test builds first and sets E2E_SKIP_BUILD=1, so a build there is current).
  await ensureAppBuild('staff', { rebuild: process.env.E2E_SKIP_BUILD !== '1' });
  process.env.E2E_SKIP_BUILD = '1';
  const t = await createTestDatabase(`e2e_staff_${label}`);
  const smtp = await startSmtpSink();
  const port = await freePort();
  // next start answers with absolute URLs on "localhost" (next-auth builds its links and
  // redirects from them), so the browser must use that host for its cookies to match.
  const baseUrl = `http://localhost:${port}`;
  const env = testEnv({ databaseUrl: t.url, label: `e2e-staff-${label}`, overrides: { SMTP_URL: smtp.url, STAFF_URL: baseUrl, ...extraEnv } });
  seedDatabase(env);
  const admin = await t.db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
  const make = (email: string, role: StaffRole, active = true) => t.db.user.create({ data: { email, role, active } });
  const viewer = await make('viewer@e2e.example', 'viewer');
  const campaigner = await make('campaigner@e2e.example', 'campaigner');
  const deactivated = await make('gone@e2e.example', 'campaigner', false);

  const logFile = path.join(ARTIFACTS, `staff-server-${label}.log`);
  const server = startProcess(process.execPath, [require.resolve('next/dist/bin/next', { paths: [STAFF_APP] }), 'start', '--port', String(port)], {
    cwd: STAFF_APP,
    env: { ...inheritedEnv(), ...env, NODE_ENV: 'production' },
    logFile,
  });
  await waitUntilUp(`${baseUrl}/login`, { timeoutMs: 60_000, ready: (r) => r.status === 200, alive: server.alive, hint: `see ${logFile}` });

  const users = {
    admin: { id: admin.id, email: admin.email },
    viewer: { id: viewer.id, email: viewer.email },
    campaigner: { id: campaigner.id, email: campaigner.email },
    deactivated: { id: deactivated.id, email: deactivated.email },
  };
  /** A session cookie as next-auth mints it (a JWT under AUTH_SECRET); exp = now + maxAge seconds. */
  const mintSession = async (userId: string, email: string, maxAge: number) => {
    const name = 'authjs.session-token';
    return { name, value: await encode({ token: { sub: userId, email }, secret: AUTH_SECRET, salt: name, maxAge }) };
  };
  const sessionCookie = (userId: string, email: string) => mintSession(userId, email, 3600);

  return {
    baseUrl,
    databaseUrl: t.url,
    env,
    db: t.db,
    smtp,
    users,
    sessionCookie,
    async signedInPage(browser, who, viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport });
      await context.addCookies([{ ...(await sessionCookie(users[who].id, users[who].email)), url: baseUrl }]);
      return context.newPage();
    },
    // A negative maxAge mints a token that expired already.
    expiredSessionCookie: (userId, email) => mintSession(userId, email, -3600),
    async stop() {
      await server.stop();
      await smtp.close();
      await t.drop();
    },
  };
}

// The campaigner's first mile across both apps: write a petition in the staff app, target it,
// publish it, see it on the public app, sign it there, and watch the staff dashboard count it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser, ROOT, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

const WEB = path.join(ROOT, 'apps', 'web');
let env: StaffEnvironment;
let browser: Browser;
let web: ChildProcess;
let webUrl: string;

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

beforeAll(async () => {
  const port = await freePort();
  webUrl = `http://localhost:${port}`;
  env = await startStaffEnvironment('publish', { PUBLIC_WEB_URL: webUrl });
  browser = await launchBrowser();
  if (!(process.env.E2E_SKIP_BUILD === '1' && existsSync(path.join(WEB, '.next', 'BUILD_ID')))) {
    execFileSync('npm', ['run', 'build', '-w', '@undersigned/web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const log = openSync(path.join(ARTIFACTS, 'staff-publish-web-server.log'), 'w');
  web = spawn(process.execPath, [require.resolve('next/dist/bin/next', { paths: [WEB] }), 'start', '--port', String(port)], {
    cwd: WEB,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      PUBLIC_WEB_URL: webUrl,
      IP_HASH_SECRET: 'e2e-staff-ip-hash-secret-0123456789abcdef',
      CONFIRM_TOKEN_SECRET: 'e2e-staff-confirm-secret-0123456789abcdef',
      RATE_LIMIT_PREFIX: `e2e-staff-rl-${process.pid}-${Date.now()}`,
      QUEUE_PREFIX: `e2e-staff-publish-${process.pid}`,
    },
    stdio: ['ignore', log, log],
  });
  const until = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${webUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > until) throw new Error('web did not start; see e2e/artifacts/staff-publish-web-server.log');
    await new Promise((r) => setTimeout(r, 250));
  }
});
afterAll(async () => {
  if (web && web.exitCode === null) {
    const exited = new Promise((resolve) => web.once('exit', resolve));
    web.kill('SIGTERM');
    await exited;
  }
  await browser?.close();
  await env?.stop();
});

it('publishes a new petition in the staff app, signs it on the public site, and the dashboard counts it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const cookie = await env.sessionCookie(env.users.campaigner.id, env.users.campaigner.email);
  await context.addCookies([{ ...cookie, url: env.baseUrl }]);
  const staff = await context.newPage();
  await staff.goto(`${env.baseUrl}/campaigns/new`);
  await staff.locator('#en-title').fill('Tell Councilmember X: light the Alum Rock crosswalks');
  await staff.locator('#en-ask').fill('Install lights at every Alum Rock Avenue crosswalk this year.');
  await staff.locator('#en-body').fill('Three people were hit **this year**.');
  await staff.getByRole('button', { name: 'Create draft' }).click();
  await staff.waitForURL(/\/campaigns\/\d+\/targets\?created=1$/);
  const id = Number(new URL(staff.url()).pathname.split('/')[2]);
  const mayor = await env.db.target.findFirstOrThrow({ where: { familyName: 'Liccardo' } });
  await staff.getByLabel('Attach a target from the directory').selectOption(String(mayor.id));
  await staff.getByRole('button', { name: 'Attach' }).click();
  await staff.getByText('Target attached.').waitFor();
  await staff.getByRole('button', { name: 'Publish' }).click();
  await staff.getByRole('dialog').getByRole('button', { name: 'Yes, publish' }).click();
  await staff.waitForURL(/\?done=publish$/);

  const slug = 'tell-councilmember-x-light-the-alum-rock-crosswalks';
  const pub = await context.newPage();
  await pub.goto(`${webUrl}/petitions/${slug}`);
  await expect(pub.locator('h1').textContent()).resolves.toBe('Tell Councilmember X: light the Alum Rock crosswalks');
  await expect(pub.getByText(/Mayor Sam Liccardo/).count()).resolves.toBeGreaterThan(0);
  await pub.getByLabel('First name').fill('Rosa');
  await pub.getByLabel('Last name').fill('Hernández');
  await pub.getByLabel('Email').fill(`rosa-${process.pid}@e2e.example`);
  await pub.getByLabel('ZIP code').fill('95116');
  await pub.getByRole('button', { name: 'Add your name' }).click();
  await pub.waitForURL(/\/thanks\?code=/);
  await pub.screenshot({ path: path.join(ARTIFACTS, 'staff-published-signed-public.png'), fullPage: true });

  await staff.goto(`${env.baseUrl}/campaigns/${id}`);
  await expect(staff.locator('dt:has-text("Total signatures") + dd').textContent()).resolves.toBe('1');
  await expect(staff.locator('dt:has-text("Constituents") + dd').textContent()).resolves.toBe('1');
  await staff.screenshot({ path: path.join(ARTIFACTS, 'staff-published-signed-dashboard.png'), fullPage: true });
  await context.close();
});

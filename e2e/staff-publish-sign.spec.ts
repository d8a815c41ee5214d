// The campaigner's first mile across both apps: write a petition in the staff app, target it,
// publish it, see it on the public app, sign it there, and watch the staff dashboard count it.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureAppBuild, freePort, startWebServer, type WebServer } from '@undersigned/testing';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;
let web: WebServer;
let webUrl: string;

beforeAll(async () => {
  // The staff app links to the public site, so the public site's address comes first.
  const port = await freePort();
  webUrl = `http://localhost:${port}`;
  env = await startStaffEnvironment('publish', { PUBLIC_WEB_URL: webUrl });
  browser = await launchBrowser();
  await ensureAppBuild('web', { rebuild: process.env.E2E_SKIP_BUILD !== '1' });
  // The public app's production server on the staff environment's database, queues and secrets.
  web = await startWebServer({ env: env.env, port, host: 'localhost', logFile: path.join(ARTIFACTS, 'staff-publish-web-server.log') });
});
afterAll(async () => {
  await web?.stop();
  await browser?.close();
  await env?.stop();
});

it('publishes a new petition in the staff app, signs it on the public site, and the dashboard counts it', async () => {
  const staff = await env.signedInPage(browser, 'campaigner');
  const context = staff.context();
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

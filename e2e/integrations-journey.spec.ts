// Connect your CRM end to end (issue 13's browser journey), against the production builds and the
// real worker: an admin creates a read API key in the staff app (its secret shown once) → the
// CRM pulls people from the web server's OSDI API with it → the admin adds a webhook endpoint
// (a local receiver that verifies every POST with the `standardwebhooks` package, as a CRM would)
// → "Send a test event" reaches it and the endpoint's log shows the answer → a supporter signs and
// the receiver gets the OSDI signature, verified, without personal data (the endpoint does not
// include person data) → revoking the key refuses the CRM at once. Screenshots at phone and desktop
// width with axe, in e2e/artifacts/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signPetition } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import {
  eventually,
  freePort,
  startWebhookReceiver,
  startWebServer,
  startWorker,
  type WebhookReceiver,
  type WebServer,
  type WorkerProcess,
} from '@undersigned/testing';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

const SLUG = `e2e-integrations-${Date.now().toString(36)}`;
// The receiver listens on loopback: this development setting lets the staff form and the worker
// accept it (production refuses private addresses; packages/core/src/webhooks tests prove it).
const PRIVATE_OK = { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_TICK_MS: '300', WEBHOOK_BATCH_WAIT_MS: '200' };

let env: StaffEnvironment;
let web: WebServer;
let worker: WorkerProcess;
let browser: Browser;
let receiver: WebhookReceiver | undefined;
let campaignId: number;

const started = Date.now();
const step = (what: string) => console.log(`[integrations-journey] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);

beforeAll(async () => {
  const webPort = await freePort();
  env = await startStaffEnvironment('integrations', { PUBLIC_WEB_URL: `http://127.0.0.1:${webPort}`, ...PRIVATE_OK });
  const campaign = await createCampaign(env.db, { slug: SLUG, title: 'San José: protect immigrant families' });
  campaignId = campaign.id;
  for (const name of ['Ana', 'Ben']) {
    await signPetition(env.db, SLUG, { givenName: name, familyName: 'Crm', email: `${name.toLowerCase()}.crm@e2e.example`, postalCode: '95112' });
  }
  worker = startWorker({ ...env.env, WORKER_LOCK_MS: '2000' }, { logFile: path.join(ARTIFACTS, 'worker-integrations-journey.log') });
  [web, browser] = await Promise.all([
    startWebServer({ env: env.env, port: webPort, logFile: path.join(ARTIFACTS, 'web-server-integrations-journey.log') }),
    launchBrowser(),
    worker.started,
  ]);
  step('staff app, web server and worker up');
}, 300_000);

afterAll(async () => {
  await receiver?.close();
  await worker?.stop();
  await web?.stop();
  await browser?.close();
  await env?.stop();
});

async function axe(page: Page, label: string): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${label}: ${v.id} (${v.nodes.length})`);
}

async function shoot(page: Page, name: string): Promise<string[]> {
  const violations: string[] = [];
  for (const [suffix, width] of [
    ['desktop', 1280],
    ['phone', 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, `integrations-${name}-${suffix}.png`), fullPage: true });
    violations.push(...(await axe(page, `${name} ${suffix}`)));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return violations;
}

/** Presses a ConfirmActionButton, and its dialog's confirm button when it has one. */
async function press(page: Page, label: string, confirm?: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  if (confirm) await page.getByRole('dialog').getByRole('button', { name: confirm, exact: true }).click();
}

/** The secret a "shown once" panel (found by its heading) displays in its <code> block. */
async function secretShown(page: Page, heading: string | RegExp, pattern: RegExp): Promise<string> {
  const panel = page.locator('section').filter({ has: page.getByRole('heading', { name: heading }) });
  await panel.waitFor();
  for (const text of await panel.locator('code').allTextContents()) if (pattern.test(text.trim())) return text.trim();
  throw new Error(`no secret in the "${String(heading)}" panel`);
}

const people = (secret: string) => fetch(`${web.url}/api/v1/people?per_page=10`, { headers: { 'OSDI-API-Token': secret } });

it('an admin connects a CRM: an API key pulls people, a webhook endpoint receives verified events', async () => {
  const violations: string[] = [];
  const page = await env.signedInPage(browser, 'admin');

  // 1. An API key, its secret shown once.
  await page.goto(`${env.baseUrl}/integrations/api-keys`);
  await page.getByRole('textbox', { name: 'Name' }).fill('Action Network sync');
  // Only this campaign (the seeded demo has others): the key sees its signers and nobody else.
  await page.getByRole('radio', { name: /Only the campaigns I choose/ }).check();
  await page.getByRole('checkbox', { name: /San José: protect immigrant families/ }).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const keySecret = await secretShown(page, /API key .Action Network sync. created/, /^us_[A-Za-z0-9_-]{43}$/);
  expect(keySecret).toMatch(/^us_[A-Za-z0-9_-]{43}$/);
  expect(page.url()).not.toContain(keySecret);
  violations.push(...(await shoot(page, 'api-key-secret')));
  step('API key created');

  // 2. The CRM pulls people with it: this campaign's two signers, nobody else.
  const res = await people(keySecret);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total_records: number; _embedded: { 'osdi:people': { email_addresses: { address: string }[] }[] } };
  expect(body.total_records).toBe(2);
  expect(body._embedded['osdi:people'].map((p) => p.email_addresses[0]!.address).sort()).toEqual(['ana.crm@e2e.example', 'ben.crm@e2e.example']);
  expect((await fetch(`${web.url}/api/v1/people`)).status).toBe(401);
  await page.reload();
  await page.getByText('Action Network sync').first().waitFor();
  violations.push(...(await shoot(page, 'api-keys-list')));

  // 3. A webhook endpoint to the receiver; its signing secret shown once.
  const port = await freePort();
  await page.goto(`${env.baseUrl}/integrations/webhooks/new`);
  await page.getByRole('textbox', { name: 'Name' }).fill('CRM receiver');
  await page.getByRole('textbox', { name: 'URL' }).fill(`http://127.0.0.1:${port}/hooks/undersigned`);
  await page.getByRole('checkbox', { name: /Signature created/ }).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  const hookSecret = await secretShown(page, 'Signing secret', /^whsec_[A-Za-z0-9+/]+={0,2}$/);
  receiver = await startWebhookReceiver({ secret: hookSecret, port });
  violations.push(...(await shoot(page, 'webhook-secret')));
  step('webhook endpoint added');

  // 4. A test event reaches the receiver; the log shows the answer.
  const endpoint = await env.db.webhookEndpoint.findFirstOrThrow({ where: { name: 'CRM receiver' } });
  await page.goto(`${env.baseUrl}/integrations/webhooks/${endpoint.id}`);
  await press(page, 'Send a test event');
  await eventually(() => receiver!.uniqueEvents().some((e) => e.type === 'webhook.test'), { timeoutMs: 15_000, what: 'the test event' });
  step('test event received');

  // 5. A supporter signs: the receiver gets the signature, verified, with links but no personal data.
  await signPetition(env.db, SLUG, { givenName: 'Carla', familyName: 'Crm', email: 'carla.crm@e2e.example', postalCode: '95112' });
  await eventually(() => receiver!.uniqueEvents().some((e) => e.type === 'signature.created'), { timeoutMs: 15_000, what: 'signature.created' });
  expect(receiver.uniqueEvents().filter((e) => e.type === 'signature.created')).toHaveLength(1);
  const event = receiver.uniqueEvents().find((e) => e.type === 'signature.created')!;
  expect(JSON.stringify(event)).not.toContain('carla.crm@e2e.example');
  expect(JSON.stringify(event)).not.toContain('Carla');
  expect(event['osdi:signature']).toMatchObject({
    status: 'confirmed',
    _links: { 'osdi:person': { href: expect.stringContaining('/api/v1/people/') } },
  });
  expect(receiver.rejected).toBe(0);
  step('signature.created received');

  await page.reload();
  await page.getByText('200').first().waitFor();
  violations.push(...(await shoot(page, 'webhook-log')));

  // 6. Revoking the key refuses the CRM at once.
  await page.goto(`${env.baseUrl}/integrations/api-keys`);
  await press(page, 'Revoke', 'Revoke key');
  // The row re-renders as revoked (its buttons, and the answer beside them, go).
  await eventually(async () => (await env.db.apiKey.findFirstOrThrow({ where: { name: 'Action Network sync' } })).revokedAt, {
    what: 'the revocation',
  });
  await page.getByText('Revoked', { exact: true }).first().waitFor();
  expect((await people(keySecret)).status).toBe(401);
  expect(await env.db.auditLog.count({ where: { action: { in: ['apikey.create', 'apikey.revoke'] } } })).toBe(2);
  const audit = JSON.stringify(await env.db.auditLog.findMany(), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  expect(audit).not.toContain(keySecret);
  expect(audit).not.toContain(hookSecret);
  expect(violations).toEqual([]);
  expect(campaignId).toBeGreaterThan(0);
});

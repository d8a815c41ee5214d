// The queue dashboard (Bull Board at /admin/queues, issue 16) in a browser: an admin opens it from
// the top bar, sees every queue with its counts, opens a failed job and retries it. The page loads
// its own scripts and styles under the staff app's CSP (no 404, no CSP violation), shows ids and
// never an email address (not from a job's data, not from an SMTP error quoting a recipient), and
// campaigners get neither the link nor the page. Phone and desktop; axe on our shell with the link.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { deleteTestKeys } from '@undersigned/testing';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;
let redis: Redis;
let deliveries: Queue;
let emails: Queue;
const EMAIL = 'ana.lopez@example.org';
const DELIVERY_ID = '7b0d9a1c-3f4e-4b5a-9c8d-1e2f3a4b5c6d';

beforeAll(async () => {
  env = await startStaffEnvironment('queues');
  browser = await launchBrowser();
  redis = new Redis(env.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const prefix = env.env.QUEUE_PREFIX!;
  deliveries = new Queue('deliveries', { connection: redis, prefix });
  emails = new Queue('emails', { connection: redis, prefix });
  // One delivery that fails for good with an SMTP answer quoting the recipient…
  await deliveries.add('deliveries.send', { deliveryId: DELIVERY_ID }, { jobId: DELIVERY_ID, attempts: 1 });
  const workerConnection = new Redis(env.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const worker = new Worker(
    'deliveries',
    async () => {
      throw new Error(`550 5.1.1 <${EMAIL}>: Recipient address rejected`);
    },
    { connection: workerConnection, prefix },
  );
  await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
  await worker.close();
  await workerConnection.quit();
  // …and confirmation emails waiting, one of them carrying an email address it should not.
  await emails.add('emails.send-confirmation-email', { signatureId: '41' }, { jobId: 'confirm-41' });
  await emails.add('emails.send-confirmation-email', { signatureId: '42', email: EMAIL }, { jobId: 'confirm-42' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await deliveries?.close();
  await emails?.close();
  if (env) await deleteTestKeys(env.env);
  await redis?.quit();
  await env?.stop();
});

async function axe(page: Page, include?: string): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `staff-queues-${name}.png`), fullPage: false });

/** The job's state once it is `want`, or whatever it is after 10 s. */
async function waitForState(jobId: string, want: string): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const state = await (await deliveries.getJob(jobId))!.getState();
    if (state === want || Date.now() > until) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Records every failed request, 4xx/5xx answer and CSP violation the page meets. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => problems.push(`failed ${req.url()}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

it('an admin opens the queue dashboard from the top bar, sees the queues with counts, and retries a failed delivery', async () => {
  for (const [width, height, label] of [
    [1280, 900, 'desktop'],
    [390, 844, 'phone'],
  ] as const) {
    const page = await env.signedInPage(browser, 'admin', { width, height });
    await page.goto('/campaigns');
    // Our shell: the top bar with the admin's Queues link passes axe at both widths.
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' });
    await link.waitFor();
    expect(await axe(page, 'header')).toEqual([]);
    // From here on (the staff page's own prefetches, cut off by leaving it, do not count).
    const problems = watch(page);
    await link.click();
    await page.waitForURL('**/admin/queues');
    for (const name of ['deliveries', 'emails', 'updates', 'maintenance', 'webhooks', 'review']) {
      await page.getByText(name, { exact: true }).first().waitFor();
    }
    // Counts: the failed delivery, the two waiting emails.
    await page.locator('a[href="/admin/queues/queue/deliveries?status=failed"]', { hasText: '1' }).or(page.getByText('FAILED 1')).first().waitFor();
    await page.getByText('2 Jobs').waitFor();
    await shot(page, `overview-${label}`);
    // Bull Board's own UI is not ours: what axe says about it is recorded, not asserted.
    writeFileSync(path.join(ARTIFACTS, `staff-queues-axe-board-${label}.txt`), (await axe(page)).join('\n') + '\n');
    expect(await page.content()).not.toContain(EMAIL);
    expect(problems).toEqual([]);
    await page.context().close();
  }

  // Open the failed delivery and retry it (desktop).
  const page = await env.signedInPage(browser, 'admin');
  const problems = watch(page);
  await page.goto('/admin/queues/queue/deliveries?status=failed');
  await page.getByText(DELIVERY_ID).first().waitFor();
  await page.getByText('550 5.1.1 <[email redacted]>: Recipient address rejected').first().waitFor();
  expect(await page.content()).not.toContain(EMAIL);
  await page.goto(`/admin/queues/queue/deliveries/${DELIVERY_ID}`);
  await page.getByText('deliveries.send').first().waitFor();
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByText(DELIVERY_ID).nth(1).waitFor();
  await shot(page, 'failed-job-desktop');
  expect(await (await deliveries.getJob(DELIVERY_ID))!.getState()).toBe('failed');
  const retry = page.locator('button:has(svg.lucide-refresh-cw)').first();
  await retry.hover();
  await page.getByText('Retry', { exact: true }).waitFor();
  await retry.click();
  // Bull Board may ask first; confirm if it does.
  const confirm = page.getByRole('button', { name: /^(Confirm|Retry|Yes)$/i });
  if (await confirm.isVisible({ timeout: 1_000 }).catch(() => false)) await confirm.click();
  expect(await waitForState(DELIVERY_ID, 'waiting')).toBe('waiting');
  await page.waitForTimeout(500);
  await shot(page, 'retried-desktop');

  // The phone view of the queue page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/admin/queues/queue/emails?status=waiting');
  await page.getByText('confirm-42').first().waitFor();
  // A job whose data carries an email shows the field as redacted, never the address.
  expect(await page.content()).not.toContain(EMAIL);
  await shot(page, 'emails-phone');
  expect(problems).toEqual([]);
  await page.context().close();
});

it('keeps campaigners out: no Queues link, and the board and its API answer 403', async () => {
  const page = await env.signedInPage(browser, 'campaigner');
  await page.goto('/campaigns');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).waitFor();
  expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' }).count()).toBe(0);
  const board = await page.goto('/admin/queues');
  expect(board!.status()).toBe(403);
  expect((await page.request.get('/admin/queues/api/queues')).status()).toBe(403);
  await page.context().close();
});

// The staff side of outcomes (issue 12) in Chromium: a campaigner records a target's response,
// follows "Write an update about this" to a prefilled update, saves the draft, sees the audience
// and the cap, sends a test to themselves, sends it (with a confirmation), and watches the live
// progress (here the counters are moved by the test, standing in for the worker), pauses and
// resumes it. A viewer sees the progress without buttons. Axe at phone and desktop width;
// screenshots of the compose page and the progress view in e2e/artifacts/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;
let campaignId: number;

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

beforeAll(async () => {
  env = await startStaffEnvironment('updates');
  browser = await launchBrowser();
  const c = await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' } });
  campaignId = c.id;
  // The seeded signers asked for updates (the sign form's box).
  await env.db.person.updateMany({ where: { signatures: { some: { campaignId } } }, data: { emailStatus: 'subscribed', consentedAt: new Date() } });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

async function axe(page: Page, label: string): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  // The email previews are sandboxed iframes (no scripts): axe cannot run inside them and would
  // wait for them forever, and what they hold is the email, not the staff UI.
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('iframe[sandbox]').analyze(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`axe did not finish on ${label} within 60 s`)), 60_000);
    }),
  ]).finally(() => clearTimeout(timer));
  const problems = result.violations.map(
    (v) =>
      `${label} ${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${label} overflows by ${overflow}px`);
  return problems;
}

const started = Date.now();
const step = (what: string) => console.log(`[staff-updates] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);

it('records a response, writes the prefilled update, tests it, sends it and follows its progress', async () => {
  step('start');
  const problems: string[] = [];
  const page = await env.signedInPage(browser, 'campaigner');
  await page.goto(`/campaigns/${campaignId}/responses`);
  await page.getByLabel('Stance').selectOption('supports');
  await page.getByLabel('Response in English (Markdown)').fill('I will **fund** rapid response legal services.');
  await page.getByLabel('Response in Español (Markdown)').fill('Financiaré los servicios legales de respuesta rápida.');
  await expect(page.locator('[lang=en] .prose-letter strong').textContent()).resolves.toBe('fund');
  await page.getByRole('button', { name: 'Record response' }).click();
  await page.getByText('Response recorded.').waitFor();
  expect(await env.db.targetResponse.count({ where: { campaignId } })).toBe(1);

  await page.getByRole('link', { name: 'Write an update about this →' }).click();
  await page.waitForURL(/\/updates\/new\?response=\d+$/);
  const subject = page.getByLabel('Subject').first();
  expect(await subject.inputValue()).toMatch(/ responded: /);
  // The live preview is the email as sent (an iframe per language).
  await page.frameLocator('iframe[title="Email preview, English"]').getByText('Unsubscribe').waitFor();
  await page.frameLocator('iframe[title="Email preview, Español"]').getByText('Darte de baja').waitFor();
  step('compose page with previews');
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-update-compose-desktop.png'), fullPage: true });
  await page.setViewportSize(VIEWPORTS.phone);
  // Chromium paints an off-screen iframe only once it has been on screen: bring each into view.
  for (const frame of await page.locator('iframe').all()) await frame.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-update-compose-phone.png'), fullPage: true });
  await page.setViewportSize(VIEWPORTS.desktop);

  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL(/\/updates\/[0-9a-f-]{36}\?created=1$/);
  const updateId = /updates\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const audience = await env.db.signature.count({ where: { campaignId, status: 'confirmed' } });
  await page.getByText(/of 3 updates in the last 7 days/).waitFor();
  await page.frameLocator('iframe[title="Email preview, English"]').getByText('Unsubscribe').waitFor();
  step('draft page');
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-update-draft-desktop.png'), fullPage: true });

  const mails = env.smtp.messages.length;
  await page.getByRole('button', { name: 'Send a test to me' }).click();
  await page.getByText(`sent to ${env.users.campaigner.email}`).waitFor();
  await env.smtp.waitFor(mails + 2);

  await page.getByRole('button', { name: new RegExp(`^Send to ${audience.toLocaleString('en-US')} (people|person)$`) }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, send it' }).click();
  await page.waitForURL(/\?sent=1$/);
  expect((await env.db.campaignUpdate.findUniqueOrThrow({ where: { id: updateId } })).status).toBe('planning');

  // The worker's part, simulated: planned, half sent; the view picks it up by polling.
  await env.db.campaignUpdate.update({
    where: { id: updateId },
    data: {
      status: 'sending',
      plannedAt: new Date(),
      runStartedAt: new Date(Date.now() - 20_000),
      recipientCount: 1200,
      sentCount: 600,
      failedCount: 4,
      suppressedCount: 6,
      bounceCount: 4,
      complaintCount: 1,
    },
  });
  await page.locator('[role=progressbar][aria-valuenow="50"]').waitFor({ timeout: 10_000 });
  await page.frameLocator('iframe[title="Email, English"]').getByText('Unsubscribe').waitFor();
  for (const frame of await page.locator('iframe').all()) await frame.scrollIntoViewIfNeeded();
  await page.waitForTimeout(600); // the bar's width transition
  step('progress view');
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-update-progress-desktop.png'), fullPage: true });
  await page.setViewportSize(VIEWPORTS.phone);
  for (const frame of await page.locator('iframe').all()) await frame.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-update-progress-phone.png'), fullPage: true });
  problems.push(...(await axe(page, 'progress phone')));
  await page.setViewportSize(VIEWPORTS.desktop);
  problems.push(...(await axe(page, 'progress desktop')));

  step('axe on the progress view');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Resume' }).waitFor();
  expect((await env.db.campaignUpdate.findUniqueOrThrow({ where: { id: updateId } })).status).toBe('paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor();

  step('paused and resumed');
  // A viewer: the same progress, no buttons.
  const viewer = await env.signedInPage(browser, 'viewer');
  await viewer.goto(`/campaigns/${campaignId}/updates/${updateId}`);
  await viewer.locator('[role=progressbar]').waitFor();
  expect(await viewer.getByRole('button', { name: /Pause|Resume|Cancel/ }).count()).toBe(0);
  await viewer.goto(`/campaigns/${campaignId}/updates`);
  expect(await viewer.getByRole('link', { name: 'New update' }).count()).toBe(0);

  // Finished: polling stops at 100 %.
  await env.db.campaignUpdate.update({
    where: { id: updateId },
    data: { status: 'sent', sentCount: 1190, finishedAt: new Date(), runStartedAt: null, activeSeconds: 40 },
  });
  await page.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 10_000 });

  step('finished');
  // The compose page and the updates list pass axe at both widths.
  for (const [width, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    for (const p of [`/campaigns/${campaignId}/updates`, `/campaigns/${campaignId}/updates/new`, `/campaigns/${campaignId}/responses`]) {
      await page.goto(p);
      problems.push(...(await axe(page, `${p} ${width}`)));
      step(`axe ${p} ${width}`);
    }
  }
  expect(problems).toEqual([]);
  await viewer.context().close();
  await page.context().close();
}, 480_000);

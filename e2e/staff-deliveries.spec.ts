// "Deliver now" end to end: a campaigner presses the button in the staff app, the real worker
// (apps/worker, spawned) sends the delivery over SMTP to an in-process server, and the staff
// delivery log shows it sent with its range, count and manifest hash.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { signPetition } from '@undersigned/core';
import { startWorker, type WorkerProcess } from '@undersigned/testing';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;
let worker: WorkerProcess;

beforeAll(async () => {
  env = await startStaffEnvironment('deliver');
  browser = await launchBrowser();
  // The real worker, on the staff app's queues, mailing the staff environment's SMTP server.
  worker = startWorker({ ...env.env, WORKER_PLAN_EVERY_MS: '1000' });
});
afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await env?.stop();
});

it('delivers now from the staff app: the official gets the email and the log shows it sent', async () => {
  const target = await env.db.target.create({
    data: { title: 'Councilmember', givenName: 'Xavier', familyName: 'Example', email: 'councilmember.x@city.example', postalCodes: ['95112'] },
  });
  const campaign = await env.db.campaign.create({
    data: {
      slug: 'e2e-deliver-now',
      status: 'published',
      publishedAt: new Date(),
      goal: 100_000,
      translations: { create: { locale: 'en', title: 'Tell Councilmember X: fix the bus lines', ask: 'Fix the 22.', body: 'Buses.' } },
      targets: { create: { targetId: target.id, milestones: [] } },
    },
  });
  for (const email of ['ana@e2e.example', 'ben@e2e.example', 'cai@e2e.example']) {
    await signPetition(env.db, campaign.slug, { givenName: 'Ana', familyName: 'Ruiz', email, postalCode: '95112' });
  }

  const page = await env.signedInPage(browser, 'campaigner');
  // Preview the next delivery exactly as it will be sent, and send a test to myself.
  await page.goto(`/campaigns/${campaign.id}/deliveries/preview?target=${target.id}`);
  await page.getByText(/3 new signatures: 1–3 of this campaign, signed /).waitFor();
  const preview = page.frameLocator('iframe[title="Email preview"]');
  await preview.getByText('Fix the 22.').first().waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-delivery-preview.png'), fullPage: true });
  await page.getByRole('button', { name: 'Send a test to me' }).click();
  await page.getByText(`Test sent to ${env.users.campaigner.email}.`).waitFor();
  const test = env.smtp.messages.find((m) => m.envelope.to.includes(env.users.campaigner.email));
  expect(test?.parsed.subject).toMatch(/^\[Test\] .*Tell Councilmember X: fix the bus lines/);
  expect(test?.parsed.attachments).toHaveLength(1);
  expect(await env.db.delivery.count({ where: { campaignId: campaign.id } })).toBe(0);

  await page.goto(`/campaigns/${campaign.id}/deliveries`);
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Deliver now' }).click();
  await page.getByText(/3 new signature\(s\)/).waitFor();

  const deadline = Date.now() + 30_000;
  let mail = env.smtp.messages.find((m) => m.envelope.to.includes('councilmember.x@city.example'));
  while (!mail && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    mail = env.smtp.messages.find((m) => m.envelope.to.includes('councilmember.x@city.example'));
  }
  expect(mail?.parsed.subject).toContain('Tell Councilmember X: fix the bus lines');
  expect(mail?.parsed.attachments).toHaveLength(1);

  let delivery = await env.db.delivery.findFirstOrThrow({ where: { campaignId: campaign.id } });
  while (delivery.status !== 'sent' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    delivery = await env.db.delivery.findFirstOrThrow({ where: { campaignId: campaign.id } });
  }
  expect(delivery).toMatchObject({ status: 'sent', trigger: 'manual', signatureCount: 3, requestedById: env.users.campaigner.id });
  await page.reload();
  await page.getByText('sent', { exact: true }).waitFor();
  await page.getByText(`sha256 ${delivery.manifestSha256!.slice(0, 16)}…`).waitFor();
  // In a campaigner's terms: which of the campaign's signatures went out; the raw sequence
  // range (what the manifest and the public record state) stays as a detail.
  await page.getByText('1–3 of this campaign').waitFor();
  await page.getByText(`range (${delivery.fromSeq}, ${delivery.toSeq}]`).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-deliveries-sent.png'), fullPage: true });
  const audit = await env.db.auditLog.findFirst({ where: { action: 'delivery.trigger', entityId: delivery.id } });
  expect(audit?.actorId).toBe(env.users.campaigner.id);
});

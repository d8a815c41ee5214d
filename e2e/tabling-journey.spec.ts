// Issue 15's browser journey, across both apps: a signing table where everyone shares one Wi-Fi
// address. Through an event sign-up link made in the staff app, 100 people sign from one address
// on the public page and all 100 count. The next 100 from the same address without the link pass
// the per-IP limit: the first 60 count, the rest are held (the signers see the same thanks), the
// review queue shows them grouped by the address's hash, and one approval — after its preview —
// counts them, exactly once, on the public page too.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { getSignatureCount } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { ensureAppBuild, freePort, startWebServer, type WebServer } from '@undersigned/testing';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;
let web: WebServer;
let webUrl: string;

beforeAll(async () => {
  const port = await freePort();
  webUrl = `http://localhost:${port}`;
  env = await startStaffEnvironment('tabling', { PUBLIC_WEB_URL: webUrl });
  browser = await launchBrowser();
  await ensureAppBuild('web', { rebuild: process.env.E2E_SKIP_BUILD !== '1' });
  web = await startWebServer({ env: env.env, port, host: 'localhost', logFile: path.join(ARTIFACTS, 'tabling-web-server.log') });
}, 600_000);
afterAll(async () => {
  await web?.stop();
  await browser?.close();
  await env?.stop();
});

/**
 * Signs `n` people from the open campaign page, as its own script does (the form's fields,
 * including the hidden `event` it filled from the page's address, posted to the fast path with
 * `answer=json`). Every request leaves this machine's one address.
 */
async function signFromPage(page: Page, first: number, n: number): Promise<number[]> {
  return page.evaluate(
    async ({ first, n }) => {
      const form = document.querySelector<HTMLFormElement>('form:has(input[name="email"])')!;
      const slug = location.pathname.split('/').pop()!;
      const statuses: number[] = [];
      for (let i = first; i < first + n; i += 10) {
        const batch = Array.from({ length: Math.min(10, first + n - i) }, (_, k) => {
          const data = new FormData(form);
          data.set('given_name', `Vecino${i + k}`);
          data.set('family_name', 'Mesa');
          data.set('email', `vecino${i + k}@gmail.com`);
          data.set('postal_code', '95116');
          data.set('answer', 'json');
          return fetch(`/api/v1/petitions/${slug}/signatures?locale=en`, {
            method: 'POST',
            body: new URLSearchParams(data as unknown as Record<string, string>),
          }).then((r) => r.status);
        });
        statuses.push(...(await Promise.all(batch)));
      }
      return statuses;
    },
    { first, n },
  );
}

it('a tabling event signs 100 people from one address through its link, all counted; without the link the review queue holds the excess and one approval counts it', async () => {
  const campaign = await createCampaign(env.db, { title: 'Keep the Alum Rock library open' });
  const staff = await env.signedInPage(browser, 'campaigner');
  await staff.setViewportSize({ width: 1280, height: 900 });

  // The organiser makes the event link (the form's window starts now by default).
  await staff.goto(`/campaigns/${campaign.id}/events`);
  await staff.getByLabel('Event name').fill('Alum Rock library, Saturday table');
  await staff.getByLabel('Expected signers').fill('120');
  await staff.getByRole('button', { name: 'Create event link' }).click();
  const link = (await staff
    .locator('code[id$="-en"]')
    .first()
    .waitFor()
    .then(() => staff.locator('code[id$="-en"]').first().textContent()))!;
  expect(link).toMatch(new RegExp(`^${webUrl}/petitions/${campaign.slug}\\?event=[A-Za-z0-9_-]{12}$`));
  await staff.screenshot({ path: path.join(ARTIFACTS, 'tabling-event-link.png'), fullPage: true });

  // At the table: 99 through the page's own request, the 100th by hand through the form.
  const pub = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await pub.goto(link);
  // The cached page carries no code; the form's script copies it from the address once hydrated.
  await pub.waitForFunction(() => Boolean(document.querySelector<HTMLInputElement>('input[name="event"]')?.value));
  const statuses = await signFromPage(pub, 1, 99);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  await pub.getByLabel('First name').fill('Rosa');
  await pub.getByLabel('Last name').fill('Mesa');
  await pub.getByLabel('Email').fill(`rosa-${process.pid}@gmail.com`);
  await pub.getByLabel('ZIP code').fill('95116');
  await pub.getByRole('button', { name: 'Add your name' }).click();
  await pub.waitForURL(/\/thanks/);
  const event = await env.db.campaignEvent.findFirstOrThrow({ where: { campaignId: campaign.id } });
  expect(await env.db.signature.count({ where: { campaignId: campaign.id, eventId: event.id, status: 'confirmed' } })).toBe(100);
  expect(await getSignatureCount(env.db, campaign.id)).toBe(100);
  await staff.reload();
  await expect(staff.locator('dt:has-text("Counted") + dd').first().textContent()).resolves.toBe('100');

  // The same address the next day, without the link: the per-IP rule applies again.
  await pub.goto(`${webUrl}/petitions/${campaign.slug}`);
  const plain = await signFromPage(pub, 1000, 100);
  expect(plain.filter((s) => s !== 200)).toEqual([]);
  expect(await getSignatureCount(env.db, campaign.id)).toBe(160);
  expect(await env.db.signature.count({ where: { campaignId: campaign.id, status: 'held', heldReason: 'ip_rate' } })).toBe(40);

  // The review queue shows them by the address's hash; one approval, after its preview, counts them.
  const { ipHash } = await env.db.signature.findFirstOrThrow({ where: { campaignId: campaign.id, status: 'held' }, select: { ipHash: true } });
  await staff.goto(`/campaigns/${campaign.id}/review`);
  await staff.getByText(ipHash!.slice(0, 8)).first().waitFor();
  await staff.goto(`/campaigns/${campaign.id}/review?ipHash=${ipHash}&preview=approve`);
  await staff.getByText(/40 signatures would be approved: 40 would count at once/).waitFor();
  await staff.screenshot({ path: path.join(ARTIFACTS, 'tabling-review-preview.png'), fullPage: true });
  expect(await getSignatureCount(env.db, campaign.id)).toBe(160);
  await staff.getByRole('button', { name: 'Confirm: approve 40 signatures' }).click();
  await staff.getByText(/Approved 40 signatures: 40 now count/).waitFor();
  expect(await getSignatureCount(env.db, campaign.id)).toBe(200);

  // The public count follows (the cached page refreshes within a few seconds).
  let count = 0;
  for (let i = 0; i < 20 && count !== 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const res = await fetch(`${webUrl}/api/v1/petitions/${campaign.slug}/count`);
    count = ((await res.json()) as { total_signatures: number }).total_signatures;
  }
  expect(count).toBe(200);
  await pub.close();
  await staff.context().close();
}, 300_000);

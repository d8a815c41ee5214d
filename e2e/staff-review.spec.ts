// The review queue in a browser (issue 15): held signatures grouped with samples, a group
// approved after its preview (the count moves by exactly its size), a large decision run as a job
// with a live progress bar, the empty state, and viewers kept out. Phone and desktop, axe on each.
import type { Browser, Page } from 'playwright-core';
import { getSignatureCount, runReviewJobChunk } from '@undersigned/core';
import { seedHeldSignatures } from '@undersigned/core/testing';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;
let campaignId: number;
const CHURCH = 'c1'.repeat(32);
const FLOOD = 'f1'.repeat(32);

beforeAll(async () => {
  env = await startStaffEnvironment('review');
  browser = await launchBrowser();
  campaignId = (await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' } })).id;
  await seedHeldSignatures(env.db, campaignId, { count: 140, ipHash: CHURCH, locality: 'San José', createdAt: new Date(Date.now() - 2 * 3600_000) });
  await seedHeldSignatures(env.db, campaignId, {
    count: 12,
    ipHash: 'b2'.repeat(32),
    emailDomain: 'mailinator.example',
    heldReason: 'disposable_domain',
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

async function axe(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Desktop shots take the whole page; phone shots the first screen (the list below is long). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${ARTIFACTS}/staff-review-${name}.png`, fullPage: (page.viewportSize()?.width ?? 0) > 800 });

it('a campaigner approves a held group after its preview; a large decision shows live progress; viewers cannot see the queue', async () => {
  const page = await env.signedInPage(browser, 'campaigner');
  const before = await getSignatureCount(env.db, campaignId);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/review');
  await page.getByRole('link', { name: /^Review\s*152 held$/ }).waitFor();
  await page.getByText('152 signatures held for review.').waitFor();
  expect(await page.content()).not.toMatch(/@example\.org|Quiñones/);
  expect(await axe(page)).toEqual([]);
  await shot(page, 'queue-desktop');

  // The church's group: preview, then confirm.
  await page.goto(`/campaigns/${campaignId}/review?ipHash=${CHURCH}&preview=approve`);
  await page.getByText(/140 signatures would be approved: 140 would count at once/).waitFor();
  expect(await axe(page)).toEqual([]);
  await shot(page, 'preview-desktop');
  expect(await getSignatureCount(env.db, campaignId)).toBe(before);
  await page.getByRole('button', { name: 'Confirm: approve 140 signatures' }).click();
  await page.getByText(/Approved 140 signatures: 140 now count/).waitFor();
  expect(await getSignatureCount(env.db, campaignId)).toBe(before + 140);

  // A flood of 520 from one address: the decision runs as a job with a progress bar.
  await seedHeldSignatures(env.db, campaignId, { count: 520, ipHash: FLOOD });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/campaigns/${campaignId}/review?ipHash=${FLOOD}&preview=reject`);
  await page.getByText(/runs in the background/).waitFor();
  await page.getByRole('button', { name: 'Confirm: reject 520 signatures' }).click();
  await page.locator('[role=progressbar]').waitFor();
  const jobId = new URL(page.url()).searchParams.get('job')!;
  expect(await axe(page)).toEqual([]);
  await shot(page, 'job-phone');
  // The worker's part, run here: the page's poll shows it.
  await runReviewJobChunk(env.db, jobId);
  await page.getByText('500 of 520 rejected so far.').waitFor({ timeout: 10_000 });
  await runReviewJobChunk(env.db, jobId);
  await page.getByText('Done: 520 rejected (marked fraudulent).').waitFor({ timeout: 10_000 });
  expect(await page.locator('[role=progressbar]').getAttribute('aria-valuenow')).toBe('100');

  await page.goto(`/campaigns/${campaignId}/review?reason=event_capacity`);
  await page.getByText('Nothing matches these filters').waitFor();
  await page.goto(`/campaigns/${campaignId}/review?reason=ip_rate`);
  await page.getByRole('button', { name: 'Apply filters' }).waitFor();
  await shot(page, 'list-phone');
  expect(await axe(page)).toEqual([]);
  await page.context().close();

  const viewer = await env.signedInPage(browser, 'viewer');
  const res = await viewer.goto('/review');
  expect(res?.status()).toBe(403);
  await viewer.goto('/campaigns');
  expect(await viewer.getByRole('link', { name: /^Review/ }).count()).toBe(0);
  await viewer.context().close();
}, 240_000);

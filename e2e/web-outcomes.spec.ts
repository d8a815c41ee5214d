// The public side of outcomes (issue 12) against the production server: a response recorded in
// the staff app shows on the cached campaign page within seconds, in English and Spanish (ISR:
// the same 5-second window as every campaign change), with the timeline; the unsubscribe page's
// GET changes nothing, a mail client's one-click POST from another origin with no cookies
// unsubscribes at once, and the page's button works without JavaScript. Screenshots and axe.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createUnsubscribeToken } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { axeViolations, DESKTOP, e2eDb, openPage, PHONE, screenshot, useBrowser } from './harness/browser';
import { e2eState } from './harness/state';

const browser = useBrowser();
const SLUG = `e2e-outcomes-${process.pid}`;
const SHOTS = process.env.OUTCOMES_SHOTS_DIR; // also copy the screenshots there when set
let campaignId: number;
let targetId: number;

const get = (p: string, init: RequestInit = {}) => fetch(`${e2eState().baseUrl}${p}`, { redirect: 'manual', ...init });

function keep(file: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(file, path.join(SHOTS, path.basename(file)));
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  const db = e2eDb();
  const campaign = await createCampaign(db, {
    slug: SLUG,
    title: 'San José: stand with immigrants',
    titleEs: 'San José: apoya a los inmigrantes',
    goal: 1000,
    targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo', postalCodes: ['95112'] }],
  });
  campaignId = campaign.id;
  targetId = (await db.campaignTarget.findFirstOrThrow({ where: { campaignId } })).targetId;
  await db.campaign.update({ where: { id: campaignId }, data: { publishedAt: new Date(Date.now() - 40 * 86_400_000) } });
  await db.delivery.create({
    data: {
      campaignId,
      targetId,
      trigger: 'milestone',
      milestone: 100,
      fromSeq: 0n,
      toSeq: 1_000_000n,
      signatureCount: 412,
      totalCount: 412,
      status: 'sent',
      manifestSha256: 'd'.repeat(64),
      sentAt: new Date(Date.now() - 10 * 86_400_000),
    },
  });
});

describe('responses on the campaign page', () => {
  it('a response recorded after the page was cached shows within seconds in both languages, with the timeline', async () => {
    const before = await (await get(`/petitions/${SLUG}`)).text(); // cached now
    expect(before).toContain('Awaiting a response from Mayor Sam Liccardo');
    expect(before).not.toContain('Response from Mayor Sam Liccardo');
    await e2eDb().targetResponse.create({
      data: {
        campaignId,
        targetId,
        respondedOn: new Date(new Date().toISOString().slice(0, 10)),
        stance: 'supports',
        textEn:
          'The City will **fund legal services** for families facing deportation and will not share data with federal immigration enforcement.\n\n' +
          'We thank the 412 residents who wrote to us.',
        url: 'https://www.sanjoseca.gov/news',
      },
    });
    const en = await eventually(async () => (await (await get(`/petitions/${SLUG}`)).text()).includes('Response from Mayor Sam Liccardo'), 15_000);
    const es = await eventually(async () => (await (await get(`/es/petitions/${SLUG}`)).text()).includes('Respuesta de Mayor Sam Liccardo'), 15_000);
    console.log(`response visible after ${en} ms (en), ${es} ms more (es)`);
    const html = await (await get(`/es/petitions/${SLUG}`)).text();
    expect(html).toContain('Apoya la petición');
    expect(html).toContain('Esta respuesta solo está disponible en inglés.');
    expect(html).toMatch(/<div lang="en" class="prose-letter"><p>The City will <strong>fund legal services<\/strong>/);
    expect(html).not.toContain('Esperando una respuesta');
    expect(html).toContain('412 firmas entregadas a Mayor Sam Liccardo');
    const api = (await (await get(`/api/v1/petitions/${SLUG}`)).json()) as { responses: { stance: string; text: { en: string | null } }[] };
    expect(api.responses).toMatchObject([{ stance: 'supports', text: { en: expect.stringContaining('fund legal services') } }]);
  });

  it.each([
    ['en', PHONE],
    ['en', DESKTOP],
    ['es', PHONE],
    ['es', DESKTOP],
  ] as const)('%s %o: looks right, passes axe, works without JavaScript', async (locale, viewport) => {
    const { page, context, foreignRequests } = await openPage(browser(), { viewport, javaScript: viewport === PHONE ? false : true });
    await page.goto(`${locale === 'es' ? '/es' : ''}/petitions/${SLUG}`);
    await page.getByRole('heading', { name: locale === 'es' ? 'Respuesta de Mayor Sam Liccardo' : 'Response from Mayor Sam Liccardo' }).waitFor();
    await page.getByRole('heading', { name: locale === 'es' ? 'Lo que ha pasado' : 'What has happened' }).waitFor();
    // axe runs in the page, so only where JavaScript runs; the phone views are checked without it.
    if (viewport !== PHONE) expect(await axeViolations(page)).toEqual([]);
    keep(await screenshot(page, `outcomes-campaign-${locale}-${viewport.width}`));
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

describe('unsubscribe over HTTP', () => {
  async function recipient(tag: string) {
    const db = e2eDb();
    const email = `${tag}.${process.pid}@e2e.example`;
    const person = await db.person.create({
      data: { canonicalEmail: email, email, givenName: 'Rosa', familyName: 'Privada', emailStatus: 'subscribed', consentedAt: new Date() },
    });
    const update = await db.campaignUpdate.create({ data: { campaignId, status: 'sent', subjectEn: 'The Mayor answered', bodyEn: 'x' } });
    const token = createUnsubscribeToken({ personId: person.id, campaignId, updateId: update.id }, e2eState().env.CONFIRM_TOKEN_SECRET!);
    return { person, update, token };
  }
  const entries = (updateId: string) => e2eDb().emailSuppression.findMany({ where: { updateId } });

  it('GET shows the page and changes nothing; a one-click POST from another origin, without cookies, unsubscribes at once', async () => {
    const r = await recipient('oneclick');
    const page = await get(`/unsubscribe/${r.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('San José: stand with immigrants');
    expect((await get(`/es/unsubscribe/${r.token}`)).status).toBe(200);
    expect(await entries(r.update.id)).toEqual([]);
    const res = await get(`/unsubscribe/${r.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.google.com' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('unsubscribed');
    expect(await entries(r.update.id)).toMatchObject([{ campaignId, reason: 'unsubscribe', source: 'one-click' }]);
    const forged = await get(`/es/unsubscribe/${r.token.slice(0, -2)}AA`, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(forged.status).toBe(404);
    const invalidPage = await get(`/es/unsubscribe/${r.token.slice(0, -2)}AA`);
    expect(invalidPage.status).toBe(404);
    expect(await invalidPage.text()).toContain('Este enlace no es válido');
  });

  it.each([
    ['en', PHONE],
    ['es', DESKTOP],
  ] as const)('%s %o: the page’s one button works without JavaScript, passes axe', async (locale, viewport) => {
    const r = await recipient(`page-${locale}`);
    const prefix = locale === 'es' ? '/es' : '';
    const withJs = await openPage(browser(), { viewport });
    await withJs.page.goto(`${prefix}/unsubscribe/${r.token}`);
    expect(await axeViolations(withJs.page)).toEqual([]);
    keep(await screenshot(withJs.page, `outcomes-unsubscribe-${locale}-${viewport.width}`));
    expect(await entries(r.update.id)).toEqual([]);
    const { page, context } = await openPage(browser(), { viewport, javaScript: false });
    await page.goto(`${prefix}/unsubscribe/${r.token}`);
    await page.getByLabel(locale === 'es' ? 'Todas las novedades, de todas las peticiones' : 'All updates, about every petition').check();
    await page.getByRole('button', { name: locale === 'es' ? 'Darme de baja' : 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: locale === 'es' ? 'Te has dado de baja' : 'You are unsubscribed' }).waitFor();
    expect(page.url()).toContain(`${prefix}/unsubscribe/${r.token}?done=all`);
    await withJs.page.goto(page.url());
    expect(await axeViolations(withJs.page)).toEqual([]);
    keep(await screenshot(page, `outcomes-unsubscribed-${locale}-${viewport.width}`));
    await withJs.context.close();
    expect((await e2eDb().person.findUniqueOrThrow({ where: { id: r.person.id } })).emailStatus).toBe('unsubscribed');
    await context.close();
  });
});

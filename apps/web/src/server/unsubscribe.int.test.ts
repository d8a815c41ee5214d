// Unsubscribing from updates (issue 12 part 4, RFC 8058): the one-click POST of a mail client
// (no cookies, no CSRF token, another origin) unsubscribes at once; the page's GET never changes
// anything; a forged or damaged token changes nothing; "all updates" unsubscribes the person; a
// person erased since gets a friendly answer. Called as the app calls them, on a real Postgres.
import { createUnsubscribeToken } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { NextRequest } from 'next/server';
import { renderToStaticMarkup } from 'react-dom/server';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
let route: typeof import('@/app/api/v1/unsubscribe/[token]/route');
let page: typeof import('@/views/unsubscribe-page');
let proxy: typeof import('@/proxy');

beforeAll(async () => {
  t = await startWebTestApp('web_unsubscribe');
  route = await import('@/app/api/v1/unsubscribe/[token]/route');
  page = await import('@/views/unsubscribe-page');
  proxy = await import('@/proxy');
});

afterAll(async () => {
  await t.close();
});

let n = 0;
/** A consenting signer of a new campaign who got one of its updates, and their token. */
async function recipient() {
  n += 1;
  const campaign = await createCampaign(t.db, { title: `Protect neighbors ${n}`, titleEs: `Proteger vecinos ${n}` });
  const email = `unsub${n}.${process.pid}@example.org`;
  const person = await t.db.person.create({
    data: { canonicalEmail: email, email, givenName: 'Rosa', familyName: 'Privada', emailStatus: 'subscribed', consentedAt: new Date() },
  });
  const update = await t.db.campaignUpdate.create({ data: { campaignId: campaign.id, status: 'sent', subjectEn: 'News', bodyEn: 'Body' } });
  const token = createUnsubscribeToken({ personId: person.id, campaignId: campaign.id, updateId: update.id }, t.env.CONFIRM_TOKEN_SECRET!);
  return { campaign, person, update, token, email };
}

const suppressions = () => t.db.emailSuppression.findMany({ orderBy: { id: 'asc' } });
const statusOf = async (personId: number) => (await t.db.person.findUniqueOrThrow({ where: { id: personId } })).emailStatus;

function post(token: string, body: string, { locale = 'en', type = 'application/x-www-form-urlencoded' } = {}) {
  return route.POST(
    new Request(`https://petitions.example/api/v1/unsubscribe/${token}${locale === 'es' ? '?locale=es' : ''}`, {
      method: 'POST',
      // What a mailbox provider sends: another origin, no cookie, no CSRF token.
      headers: { 'content-type': type, origin: 'https://mail.provider.example' },
      body,
    }),
    { params: Promise.resolve({ token }) },
  );
}

async function renderPage(token: string, locale: 'en' | 'es' = 'en', done?: string) {
  const element = await page.UnsubscribePage({
    locale,
    params: Promise.resolve({ token }),
    searchParams: Promise.resolve(done ? { done } : {}),
  });
  return renderToStaticMarkup(element);
}

describe('one-click unsubscribe (RFC 8058)', () => {
  it('a POST of List-Unsubscribe=One-Click from another origin, without cookies, unsubscribes from the campaign at once', async () => {
    const r = await recipient();
    const before = (await suppressions()).length;
    const res = await post(r.token, 'List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('You are unsubscribed from this petition’s updates.');
    const added = (await suppressions()).slice(before);
    expect(added).toMatchObject([{ campaignId: r.campaign.id, reason: 'unsubscribe', source: 'one-click', updateId: r.update.id }]);
    expect(await statusOf(r.person.id)).toBe('subscribed'); // other campaigns' updates still come
    // Repeated (mail clients retry): still 200, still one entry.
    expect((await post(r.token, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await suppressions()).length).toBe(before + 1);
  });

  it('takes the multipart body some mail clients send', async () => {
    const r = await recipient();
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const encoded = new Response(form);
    const res = await post(r.token, await encoded.text(), { type: encoded.headers.get('content-type')! });
    expect(res.status).toBe(200);
    expect(await t.db.emailSuppression.count({ where: { campaignId: r.campaign.id } })).toBe(1);
  });

  it('the proxy sends POSTs of /unsubscribe/{token} and /es/… to the handler, and lets the page’s GET through', () => {
    const rewrite = (path: string, method: string) =>
      proxy.proxy(new NextRequest(`https://petitions.example${path}`, { method })).headers.get('x-middleware-rewrite');
    expect(rewrite('/unsubscribe/1.2.abc.mac', 'POST')).toBe('https://petitions.example/api/v1/unsubscribe/1.2.abc.mac');
    expect(rewrite('/es/unsubscribe/1.2.abc.mac', 'POST')).toBe('https://petitions.example/api/v1/unsubscribe/1.2.abc.mac?locale=es');
    expect(rewrite('/unsubscribe/1.2.abc.mac', 'GET')).toBeNull();
  });
});

describe('the unsubscribe page', () => {
  it('GET names the campaign, offers the choice and one button, changes nothing and never shows the address', async () => {
    const r = await recipient();
    const before = await suppressions();
    const html = await renderPage(r.token);
    expect(html).toContain(`Protect neighbors ${n}`);
    expect(html).toMatch(/name="choice"[^>]*value="campaign"/);
    expect(html).toMatch(/name="choice"[^>]*value="all"/);
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain(`action="/unsubscribe/${r.token}"`);
    for (const secret of [r.email, 'Privada', 'Rosa']) expect(html).not.toContain(secret);
    const es = await renderPage(r.token, 'es');
    expect(es).toContain(`Proteger vecinos ${n}`);
    expect(es).toContain(`action="/es/unsubscribe/${r.token}"`);
    expect(await suppressions()).toEqual(before);
    expect(await statusOf(r.person.id)).toBe('subscribed');
  });

  it('the form’s choice=all unsubscribes the person from every update, then the page says so', async () => {
    const r = await recipient();
    const res = await post(r.token, 'choice=all', { locale: 'es' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/es/unsubscribe/${r.token}?done=all`);
    expect(await statusOf(r.person.id)).toBe('unsubscribed');
    expect(await t.db.emailSuppression.findMany({ where: { updateId: r.update.id } })).toMatchObject([
      { campaignId: null, source: 'unsubscribe-page' },
    ]);
    const html = await renderPage(r.token, 'es', 'all');
    expect(html).toContain('Te has dado de baja');
    expect(html).not.toContain('<form');
  });

  it('choice=campaign unsubscribes from that campaign only', async () => {
    const r = await recipient();
    const res = await post(r.token, 'choice=campaign');
    expect(res.headers.get('location')).toBe(`/unsubscribe/${r.token}?done=campaign`);
    expect(await t.db.emailSuppression.findMany({ where: { updateId: r.update.id } })).toMatchObject([{ campaignId: r.campaign.id }]);
    expect(await statusOf(r.person.id)).toBe('subscribed');
    expect(await renderPage(r.token, 'en', 'campaign')).toContain(`You will get no more updates about “Protect neighbors ${n}”.`);
  });

  it('a forged, damaged or other-secret token is 404 and changes nothing; the page is the localized invalid-link page', async () => {
    const r = await recipient();
    const before = await suppressions();
    const forged = r.token.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA');
    const otherPerson = r.token.replace(/^\d+/, String(r.person.id + 1));
    const otherSecret = createUnsubscribeToken(
      { personId: r.person.id, campaignId: r.campaign.id, updateId: r.update.id },
      'another-install-secret-0123456789abcdef',
    );
    for (const token of [forged, otherPerson, otherSecret, 'nonsense', `${r.token}x`]) {
      const res = await post(token, 'List-Unsubscribe=One-Click');
      expect(res.status).toBe(404);
      expect((await post(token, 'choice=all', { locale: 'es' })).status).toBe(404);
      await expect(renderPage(token)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    }
    expect(await renderPage(r.token)).toContain('unsubscribe-form'); // the genuine one still works
    expect(await suppressions()).toEqual(before);
    expect(await statusOf(r.person.id)).toBe('subscribed');
  });

  it('bad bodies are 400 and change nothing', async () => {
    const r = await recipient();
    const before = await suppressions();
    for (const body of ['', 'choice=everything', 'List-Unsubscribe=Yes', 'x'.repeat(5000)]) {
      expect([400, 413]).toContain((await post(r.token, body)).status);
    }
    expect(await suppressions()).toEqual(before);
  });

  it('a person erased since the email gets a friendly answer, not an error', async () => {
    const r = await recipient();
    await t.db.person.delete({ where: { id: r.person.id } });
    const res = await post(r.token, 'List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^Nothing to unsubscribe/);
    expect(await renderPage(r.token)).toContain('Nothing to unsubscribe');
    expect((await post(r.token, 'choice=all')).status).toBe(303);
  });
});

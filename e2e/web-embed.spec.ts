import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { countFor, e2eDb, openPage, SAN_JOSE, screenshot, uniqueEmail, useBrowser } from './harness/browser';
import { e2eState } from './harness/state';

const browser = useBrowser();
let partner: http.Server;
let partnerUrl: string;

beforeAll(async () => {
  // A partner site on another origin that embeds the widget (and, wrongly, the full page).
  const { baseUrl } = e2eState();
  partner = http.createServer((req, res) => {
    const target = req.url === '/full' ? `${baseUrl}/petitions/${SAN_JOSE}` : `${baseUrl}/embed/petitions/${SAN_JOSE}?source=partner-blog`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Partner</title><h1>Partner blog</h1>
      <iframe id="w" src="${target}" title="Sign the petition" width="400" height="760" style="border:0"></iframe>`);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  partnerUrl = `http://localhost:${(partner.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => partner.close(resolve));
});

describe('the embed widget', () => {
  it('signs from inside an iframe on a partner site, attributed to the partner', async () => {
    const before = await countFor(SAN_JOSE);
    const { page, context } = await openPage(browser(), { viewport: { width: 480, height: 900 } });
    const posts: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST') posts.push(`${new URL(req.url()).pathname}${'next-action' in req.headers() ? ' (server action)' : ''}`);
    });
    await page.goto(partnerUrl);
    const frame = page.frameLocator('#w');
    await frame.getByRole('button', { name: 'Add your name' }).waitFor();
    await frame.getByLabel('First name').fill('Tomás');
    await frame.getByLabel('Last name').fill('Vega');
    const email = uniqueEmail('embed');
    await frame.getByLabel('Email').fill(email);
    await frame.getByLabel('ZIP code').fill('95116');
    await frame.getByRole('button', { name: 'Add your name' }).click();
    await frame.getByTestId('embed-thanks').waitFor();
    // With JavaScript the widget signs through the fast path, not a server action.
    expect(posts).toEqual([`/api/v1/petitions/${SAN_JOSE}/signatures`]);
    expect(await countFor(SAN_JOSE)).toBe(before + 1);
    const person = await e2eDb().person.findFirstOrThrow({ where: { email } });
    const row = await e2eDb().signature.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.source).toBe('partner-blog');
    await screenshot(page, 'embed-partner-site');
    await context.close();
  });

  it('signs without JavaScript too: the widget posts its server action and lands on its signed state', async () => {
    const before = await countFor(SAN_JOSE);
    const { page, context } = await openPage(browser(), { viewport: { width: 480, height: 900 }, javaScript: false });
    await page.goto(`/embed/petitions/${SAN_JOSE}?source=partner-nojs`);
    await page.getByLabel('First name').fill('Inés');
    await page.getByLabel('Last name').fill('Soto');
    const email = uniqueEmail('embed-nojs');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('ZIP code').fill('95116');
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.getByTestId('embed-thanks').waitFor();
    expect(new URL(page.url()).searchParams.get('signed')).toMatch(/^[A-Za-z0-9_-]{6,32}$/);
    expect(await countFor(SAN_JOSE)).toBe(before + 1);
    const person = await e2eDb().person.findFirstOrThrow({ where: { email } });
    await expect(e2eDb().signature.findFirstOrThrow({ where: { personId: person.id } })).resolves.toMatchObject({ source: 'partner-nojs' });
    await context.close();
  });

  it('refuses to let other sites frame the full petition page (frame-ancestors none)', async () => {
    const { page, context } = await openPage(browser());
    const blocked = new Promise<boolean>((resolve) => {
      page.on('console', (m) => {
        if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) resolve(true);
      });
      setTimeout(() => resolve(false), 5_000);
    });
    await page.goto(`${partnerUrl}/full`);
    const headers = (await page.request.get(`${e2eState().baseUrl}/petitions/${SAN_JOSE}`)).headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    const embedHeaders = (await page.request.get(`${e2eState().baseUrl}/embed/petitions/${SAN_JOSE}`)).headers();
    expect(embedHeaders['content-security-policy']).toContain('frame-ancestors *');
    expect(embedHeaders['x-frame-options']).toBeUndefined();
    expect(await blocked).toBe(true);
    await context.close();
  });
});

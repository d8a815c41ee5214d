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
    expect(await countFor(SAN_JOSE)).toBe(before + 1);
    const person = await e2eDb().person.findFirstOrThrow({ where: { email } });
    const row = await e2eDb().signature.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.source).toBe('partner-blog');
    await screenshot(page, 'embed-partner-site');
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

// Staff app security against its production build (issue 7 "Authorization and security"):
// response headers (same-origin CSP with frame-ancestors 'none', nosniff, referrer policy, HSTS
// only over TLS), the CSP does not break the pages it protects (no violation in Chromium, signed
// in), and the state-changing route handler refuses cross-site requests in every disguise.
import type { Browser } from 'playwright-core';
import { launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;
let campaignId: number;

beforeAll(async () => {
  env = await startStaffEnvironment('security');
  browser = await launchBrowser();
  campaignId = (await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' } })).id;
});
afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

async function cookieFor(who: 'campaigner' | 'admin') {
  const user = env.users[who];
  return env.sessionCookie(user.id, user.email);
}

describe('staff security', () => {
  it('every page: CSP same-origin with frame-ancestors none, X-Frame-Options DENY, nosniff, same-origin referrer, noindex', async () => {
    const cookie = await cookieFor('admin');
    for (const path of ['/login', '/campaigns', `/campaigns/${campaignId}`, '/audit']) {
      const res = await fetch(`${env.baseUrl}${path}`, { headers: { cookie: `${cookie.name}=${cookie.value}` }, redirect: 'manual' });
      expect([path, res.status < 400]).toEqual([path, true]);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    }
  });

  it('HSTS only when the request arrived over TLS (X-Forwarded-Proto: https)', async () => {
    expect((await fetch(`${env.baseUrl}/login`)).headers.get('strict-transport-security')).toBeNull();
    const hsts = (await fetch(`${env.baseUrl}/login`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security');
    expect(hsts).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it('the CSP breaks nothing: signed-in pages render and hydrate with no CSP violation', async () => {
    const cookie = await cookieFor('admin');
    const context = await browser.newContext({ baseURL: env.baseUrl });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: env.baseUrl }]);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) violations.push(m.text());
    });
    for (const path of ['/login', '/campaigns', `/campaigns/${campaignId}`, `/campaigns/${campaignId}/edit`]) {
      await page.goto(path, { waitUntil: 'networkidle' });
      expect(await page.locator('main, form').count()).toBeGreaterThan(0);
    }
    await context.close();
    expect(violations).toEqual([]);
  });

  it('CSV export (state-changing, audited) refuses cross-site requests however they are dressed', async () => {
    const cookie = await cookieFor('campaigner');
    const url = `${env.baseUrl}/campaigns/${campaignId}/export`;
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { cookie: `${cookie.name}=${cookie.value}`, ...headers }, redirect: 'manual' });
    const before = await env.db.auditLog.count({ where: { action: 'signatures.export' } });
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `${env.baseUrl}.evil.example` },
      { origin: env.baseUrl.replace('http:', 'https:') },
      { referer: 'https://evil.example/page' },
      {},
    ];
    for (const headers of refused) expect([JSON.stringify(headers), (await post(headers)).status]).toEqual([JSON.stringify(headers), 403]);
    expect(await env.db.auditLog.count({ where: { action: 'signatures.export' } })).toBe(before);
    expect((await post({ origin: env.baseUrl })).status).toBe(200);
    expect((await post({ referer: `${env.baseUrl}/campaigns/${campaignId}/signatures` })).status).toBe(200);
  });
});

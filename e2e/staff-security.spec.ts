// Staff app security against its production build (issue 7 "Authorization and security"):
// response headers (same-origin CSP with frame-ancestors 'none', nosniff, referrer policy, HSTS
// only over TLS), scripts allowed by a per-request nonce rather than 'unsafe-inline' (src/proxy.ts),
// the CSP does not break the pages it protects (no violation in Chromium, signed in), and the
// state-changing route handler refuses cross-site requests in every disguise.
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

const scriptSrc = (csp: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src ')) ?? '';
const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(scriptSrc(csp))?.[1];

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
      expect(scriptSrc(csp)).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
      expect(scriptSrc(csp)).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    }
  });

  it('a fresh nonce per request, and every <script> the server sends carries it (pages with and without a session check, the 404)', async () => {
    const cookie = await cookieFor('admin');
    const paths = [
      '/login',
      '/login/check-email',
      '/campaigns',
      `/campaigns/${campaignId}`,
      `/campaigns/${campaignId}/edit`,
      '/audit',
      '/no-such-page',
    ];
    for (const [path, signedIn] of paths.flatMap(
      (p) =>
        [
          [p, true],
          [p, false],
        ] as const,
    )) {
      const get = () => fetch(`${env.baseUrl}${path}`, { headers: signedIn ? { cookie: `${cookie.name}=${cookie.value}` } : {}, redirect: 'manual' });
      const [first, second] = [await get(), await get()];
      if (first.status >= 300 && first.status < 400) continue; // anonymous → /login redirect, no document
      const nonce = nonceOf(first.headers.get('content-security-policy') ?? '');
      expect([path, signedIn, nonce]).toEqual([path, signedIn, expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/)]);
      expect([path, nonceOf(second.headers.get('content-security-policy') ?? '')]).not.toEqual([path, nonce]);
      const html = await first.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect([path, scripts.length > 0]).toEqual([path, true]);
      for (const tag of scripts) expect([path, tag]).toEqual([path, expect.stringContaining(`nonce="${nonce}"`)]);
    }
  });

  it('HSTS only when the request arrived over TLS (X-Forwarded-Proto: https)', async () => {
    expect((await fetch(`${env.baseUrl}/login`)).headers.get('strict-transport-security')).toBeNull();
    const hsts = (await fetch(`${env.baseUrl}/login`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security');
    expect(hsts).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it('the CSP breaks nothing: signed-in pages render and hydrate with no CSP violation', async () => {
    const page = await env.signedInPage(browser, 'admin');
    const context = page.context();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) violations.push(m.text());
    });
    for (const path of ['/login', '/login/check-email', '/campaigns', `/campaigns/${campaignId}`, `/campaigns/${campaignId}/edit`, '/no-such-page']) {
      await page.goto(path, { waitUntil: 'networkidle' });
      expect(await page.locator('main, form').count()).toBeGreaterThan(0);
    }
    // Hydrated: the editor's client components answer (typing updates the live preview).
    await page.goto(`/campaigns/${campaignId}/edit`, { waitUntil: 'networkidle' });
    const hydrated = await page.evaluate(() => Object.keys(document.querySelector('form') ?? {}).some((k) => k.startsWith('__react')));
    expect(hydrated).toBe(true);
    await context.close();
    expect(violations).toEqual([]);
  });

  it('markup injected into a page cannot run script (no unsafe-inline: inline handlers are refused)', async () => {
    const page = await env.signedInPage(browser, 'admin');
    const context = page.context();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto('/campaigns', { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.innerHTML = '<img src="data:," onload="window.__injected = 1" onerror="window.__injected = 1">';
      document.body.append(div);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(violations.join('\n')).toMatch(/script-src/);
    await context.close();
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

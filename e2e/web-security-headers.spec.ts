// Security headers of the public app's production build (issue 7 "Authorization and security"):
// every page has a same-origin CSP with frame-ancestors 'none' (the embed widget excepted, which
// partner sites frame), nosniff and a referrer policy; HSTS is sent exactly when the request
// came through TLS (X-Forwarded-Proto: https from the terminating proxy), never over plain http.
// 'unsafe-inline' remains in script-src/style-src: Next's App Router inlines its bootstrap
// scripts and styles, and removing it needs per-request nonces (which would make every page
// dynamic, against the campaign page caching).
import { closeE2eDb, SAN_JOSE } from './harness/browser';
import { e2eState } from './harness/state';

afterAll(async () => {
  await closeE2eDb();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${e2eState().baseUrl}${path}`, { headers, redirect: 'manual' });

function directives(csp: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

const PAGES = [`/petitions/${SAN_JOSE}`, `/es/petitions/${SAN_JOSE}`, '/', '/es', `/petitions/${SAN_JOSE}/thanks`, '/privacy'];
const EMBEDS = [`/embed/petitions/${SAN_JOSE}`, `/es/embed/petitions/${SAN_JOSE}`];

describe('public app security headers', () => {
  it.each(PAGES)('%s: CSP same-origin, frame-ancestors none, X-Frame-Options DENY, nosniff, referrer policy', async (path) => {
    const res = await get(path);
    expect(res.status).toBeLessThan(400);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'self'");
    expect(csp.get('form-action')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    // No foreign origin may serve scripts, styles, images or fonts.
    for (const d of ['script-src', 'style-src', 'img-src', 'font-src']) expect(csp.get(d)).not.toMatch(/https?:|\*/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it.each(EMBEDS)('%s: frameable by partner sites, otherwise the same policy', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toBe('*');
    expect(csp.get('default-src')).toBe("'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('API answers are nosniff and not frameable', async () => {
    const res = await get(`/api/v1/petitions/${SAN_JOSE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors')).toBe("'none'");
  });

  it('HSTS only when the request arrived over TLS (X-Forwarded-Proto: https)', async () => {
    for (const path of [...PAGES.slice(0, 2), EMBEDS[0]!]) {
      expect((await get(path)).headers.get('strict-transport-security')).toBeNull();
      expect((await get(path, { 'x-forwarded-proto': 'http' })).headers.get('strict-transport-security')).toBeNull();
      const hsts = (await get(path, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security');
      expect(hsts).toMatch(/^max-age=(\d+); includeSubDomains$/);
      expect(Number(/max-age=(\d+)/.exec(hsts!)![1])).toBeGreaterThanOrEqual(31_536_000);
    }
  });

  it('the sign API (answered by server.ts itself, not Next) follows the same HSTS rule', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${e2eState().baseUrl}/api/v1/petitions/${SAN_JOSE}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    const plain = await post({});
    expect(plain.status).toBe(400);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    const tls = await post({ 'x-forwarded-proto': 'https' });
    expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
  });
});

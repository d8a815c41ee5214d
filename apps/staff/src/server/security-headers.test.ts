// The staff app's response headers (issue 7 "Authorization and security"): next.config.ts sets the
// static ones (nosniff, same-origin referrer, no framing, noindex, HSTS exactly when the request
// arrived over TLS); src/proxy.ts sets the Content-Security-Policy per request, with a fresh script
// nonce instead of 'unsafe-inline', built by content-security-policy.ts.
import { NextRequest } from 'next/server';
import nextConfig from '../../next.config';
import { proxy, config as proxyConfig } from '../proxy';
import { createNonce, staffContentSecurityPolicy } from './content-security-policy';

type Rule = { source: string; has?: { type: string; key: string; value?: string }[]; headers: { key: string; value: string }[] };

async function rules(): Promise<Rule[]> {
  return (await nextConfig.headers!()) as Rule[];
}

const header = (rule: Rule, key: string) => rule.headers.find((h) => h.key.toLowerCase() === key.toLowerCase())?.value;
const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.split(' ')[0] === name);

describe('staff security headers (next.config.ts)', () => {
  it('every path: X-Frame-Options DENY, nosniff, same-origin referrer, noindex; no static CSP to clash with the per-request one', async () => {
    const all = (await rules()).find((r) => r.source === '/:path*' && !r.has)!;
    expect(all).toBeDefined();
    expect(header(all, 'X-Frame-Options')).toBe('DENY');
    expect(header(all, 'X-Content-Type-Options')).toBe('nosniff');
    expect(header(all, 'Referrer-Policy')).toBe('same-origin');
    expect(header(all, 'X-Robots-Tag')).toMatch(/noindex/);
    // Two CSP headers are both enforced: a static one without the nonce would block every script.
    for (const rule of await rules()) expect(header(rule, 'Content-Security-Policy')).toBeUndefined();
  });

  it('HSTS only for requests that reached the proxy over https', async () => {
    const hsts = (await rules()).filter((r) => header(r, 'Strict-Transport-Security'));
    expect(hsts).toHaveLength(1);
    expect(hsts[0]!.has).toEqual([{ type: 'header', key: 'x-forwarded-proto', value: 'https' }]);
    expect(header(hsts[0]!, 'Strict-Transport-Security')).toMatch(/^max-age=\d{8,}/);
  });
});

describe('staff Content-Security-Policy (content-security-policy.ts)', () => {
  it('a fresh, unguessable base64 nonce per call', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes
  });

  it('production: scripts by nonce + strict-dynamic, never unsafe-inline or eval; same-origin only, no framing', () => {
    const nonce = createNonce();
    const csp = staffContentSecurityPolicy({ nonce, dev: false });
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'default-src')).toBe("default-src 'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'base-uri')).toBe("base-uri 'self'");
    expect(directive(csp, 'form-action')).toBe("form-action 'self'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
    // Styles keep 'unsafe-inline' (style attributes), so style-src must carry no nonce: a nonce
    // there would make browsers ignore 'unsafe-inline'.
    expect(directive(csp, 'style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it("'unsafe-eval' only in development (next dev), still with the nonce and without 'unsafe-inline'", () => {
    const nonce = createNonce();
    const script = directive(staffContentSecurityPolicy({ nonce, dev: true }), 'script-src')!;
    expect(script).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`);
  });

  it('refuses a nonce that could break out of its source expression', () => {
    for (const bad of ["abc' 'unsafe-inline", 'abc; script-src *', '', 'a b']) {
      expect(() => staffContentSecurityPolicy({ nonce: bad, dev: false })).toThrow();
    }
  });
});

describe('staff proxy (src/proxy.ts)', () => {
  const cspOf = (res: Response) => res.headers.get('content-security-policy')!;
  // NextResponse.next({ request: { headers } }) hands the rewritten request headers to Next this way.
  const forwarded = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);

  it('puts one fresh nonce CSP on the response and on the request Next renders (so its scripts get the nonce)', () => {
    const first = proxy(new NextRequest('http://localhost:3001/campaigns'));
    const second = proxy(new NextRequest('http://localhost:3001/campaigns'));
    const nonce = (csp: string) => /'nonce-([^']+)'/.exec(directive(csp, 'script-src')!)?.[1];
    expect(nonce(cspOf(first))).toBeTruthy();
    expect(nonce(cspOf(first))).not.toBe(nonce(cspOf(second)));
    expect(forwarded(first, 'content-security-policy')).toBe(cspOf(first));
    expect(directive(cspOf(first), 'script-src')).not.toContain('unsafe-inline');
    expect(cspOf(first)).not.toContain('unsafe-eval'); // jest runs with NODE_ENV=test, not development
  });

  it('runs on pages, route handlers and prefetches, not on the build’s static files', () => {
    const [matcher] = proxyConfig.matcher;
    const re = new RegExp(`^${matcher}$`);
    for (const path of ['/', '/login', '/campaigns/1/edit', '/campaigns/1/export', '/api/auth/session', '/images/3'])
      expect([path, re.test(path)]).toEqual([path, true]);
    for (const path of ['/_next/static/chunks/a.js', '/_next/image', '/favicon.ico']) expect([path, re.test(path)]).toEqual([path, false]);
  });
});

// The staff app's response headers as next.config.ts declares them (issue 7 "Authorization and
// security"): a CSP that forbids framing and foreign origins, nosniff, a same-origin referrer
// policy, and HSTS exactly when the request arrived over TLS (X-Forwarded-Proto: https).
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from 'next/constants';
import nextConfig from '../../next.config';

type Rule = { source: string; has?: { type: string; key: string; value?: string }[]; headers: { key: string; value: string }[] };

async function rules(phase: string = PHASE_PRODUCTION_BUILD): Promise<Rule[]> {
  return (await nextConfig(phase).headers!()) as Rule[];
}

const header = (rule: Rule, key: string) => rule.headers.find((h) => h.key.toLowerCase() === key.toLowerCase())?.value;

describe('staff security headers (next.config.ts)', () => {
  it('every path: CSP same-origin only and frame-ancestors none, X-Frame-Options DENY, nosniff, same-origin referrer, noindex', async () => {
    const all = (await rules()).find((r) => r.source === '/:path*' && !r.has)!;
    expect(all).toBeDefined();
    const csp = header(all, 'Content-Security-Policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
    // 'unsafe-inline' remains for Next's inline bootstrap scripts/styles (no per-request nonces yet).
    expect(csp).not.toMatch(/https?:|\*/);
    // The production build never allows eval (only `next dev` does, for React refresh).
    expect(csp).not.toContain('unsafe-eval');
    const dev = (await rules(PHASE_DEVELOPMENT_SERVER)).find((r) => r.source === '/:path*' && !r.has)!;
    expect(header(dev, 'Content-Security-Policy')).toContain('unsafe-eval');
    expect(header(all, 'X-Frame-Options')).toBe('DENY');
    expect(header(all, 'X-Content-Type-Options')).toBe('nosniff');
    expect(header(all, 'Referrer-Policy')).toBe('same-origin');
    expect(header(all, 'X-Robots-Tag')).toMatch(/noindex/);
  });

  it('HSTS only for requests that reached the proxy over https', async () => {
    const hsts = (await rules()).filter((r) => header(r, 'Strict-Transport-Security'));
    expect(hsts).toHaveLength(1);
    expect(hsts[0]!.has).toEqual([{ type: 'header', key: 'x-forwarded-proto', value: 'https' }]);
    expect(header(hsts[0]!, 'Strict-Transport-Security')).toMatch(/^max-age=\d{8,}/);
  });
});

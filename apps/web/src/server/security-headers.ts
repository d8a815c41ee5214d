// The security headers of every answer of the public app, in one place (issue 7, issue 14):
// next.config.ts hands PAGE_HEADER_RULES to Next's headers() for what Next answers, and server.ts
// uses the same lists for what it answers itself (the sign API, /_next/static files, cached campaign
// pages), so a policy cannot differ between the two paths. e2e/web-security-headers.spec.ts checks
// the result on both.
//
// Plain data and string functions only: next.config.ts imports this file at build time.

/** Pages may be framed by nobody, except the embed widget, which partner sites iframe. */
export const pageCsp = (frameAncestors: string): string =>
  [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

export interface HeaderPair {
  key: string;
  value: string;
}

const COMMON: HeaderPair[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
];

/** Everything but the embed widget: not frameable. */
export const PAGE_HEADERS: HeaderPair[] = [
  ...COMMON,
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: pageCsp("'none'") },
];

/** The embed widget (/embed/…, /es/embed/…): frameable by partner sites, otherwise the same. */
export const EMBED_HEADERS: HeaderPair[] = [...COMMON, { key: 'Content-Security-Policy', value: pageCsp('*') }];

/** HSTS, only when the request reached us over TLS (the terminating proxy says so). */
export const HSTS_HEADER: HeaderPair = { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' };

/** Next's headers() rules (next.config.ts). */
export const PAGE_HEADER_RULES = [
  { source: '/((?!embed/|es/embed/).*)', headers: PAGE_HEADERS },
  { source: '/:prefix(embed|es/embed)/:path*', headers: EMBED_HEADERS },
  // A plain http:// install must not pin browsers to https it cannot serve.
  { source: '/:path*', has: [{ type: 'header' as const, key: 'x-forwarded-proto', value: 'https' }], headers: [HSTS_HEADER] },
];

const asObject = (pairs: HeaderPair[]): Record<string, string> => Object.fromEntries(pairs.map(({ key, value }) => [key.toLowerCase(), value]));

/** PAGE_HEADERS as a header object, for answers server.ts writes itself for non-embed paths (/_next/static). */
export const PAGE_HEADER_OBJECT: Readonly<Record<string, string>> = asObject(PAGE_HEADERS);

/** HSTS as a header object (spread it when `overTls(req)`). */
export const HSTS: Readonly<Record<string, string>> = asObject([HSTS_HEADER]);

/** The API answers server.ts writes itself (the sign endpoint): JSON, nothing to load or frame. */
export const FAST_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

/** Same rule as PAGE_HEADER_RULES' HSTS entry, for a request server.ts answers. */
export const overTls = (req: { headers: Record<string, string | string[] | undefined> }): boolean => req.headers['x-forwarded-proto'] === 'https';

import path from 'node:path';
import { config as loadEnv } from 'dotenv';
import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';

// One .env at the repository root serves every process (the dev script also exports it).
loadEnv({ path: path.resolve(__dirname, '../../.env'), quiet: true });

// Next's App Router inlines its bootstrap scripts and styles, so 'unsafe-inline' stays for
// script/style until pages get per-request nonces; everything else is same-origin only, and the
// staff app may be framed by nobody. Only `next dev` (React refresh) gets eval. The phase decides,
// not NODE_ENV: `next build` evaluates this file before it sets NODE_ENV=production.
const csp = (dev: boolean) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const config = (dev: boolean): NextConfig => ({
  transpilePackages: [
    '@undersigned/core',
    '@undersigned/db',
    '@undersigned/ui',
    '@undersigned/email',
    '@undersigned/jobs',
    '@undersigned/config',
  ],
  serverExternalPackages: ['pg', 'nodemailer', 'react-dom', 'ioredis', 'bullmq', 'zipcodes'],
  poweredByHeader: false,
  experimental: {
    // forbidden() → 403 page for signed-in staff whose role does not allow a page.
    authInterrupts: true,
    serverActions: { bodySizeLimit: '6mb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
          { key: 'Content-Security-Policy', value: csp(dev) },
        ],
      },
      // HSTS only when the request reached us over TLS (the terminating proxy says so).
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
      },
    ];
  },
});

export default function nextConfig(phase: string): NextConfig {
  return config(phase === PHASE_DEVELOPMENT_SERVER);
}

import path from 'node:path';
import { config as loadEnv } from 'dotenv';
import type { NextConfig } from 'next';

// One .env at the repository root serves every process (the dev script also exports it).
loadEnv({ path: path.resolve(__dirname, '../../.env'), quiet: true });

// Next's App Router inlines its bootstrap scripts and styles, so 'unsafe-inline' stays for
// script/style until pages get per-request nonces; everything else is same-origin only, and the
// staff app may be framed by nobody. Dev mode (React refresh) also needs eval.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'production' ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const nextConfig: NextConfig = {
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
          { key: 'Content-Security-Policy', value: csp },
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
};

export default nextConfig;

import { loadEnvFile } from '@undersigned/config/load-env-file';
import type { NextConfig } from 'next';
import { ACTION_BODY_LIMIT_BYTES } from './src/server/action-limits';

// One .env at the repository root serves every process (the dev script also exports it).
loadEnvFile();

// The Content-Security-Policy is not set here: src/proxy.ts builds it per request with a fresh
// script nonce (src/server/content-security-policy.ts), which a static header cannot carry.
const config: NextConfig = {
  transpilePackages: [
    '@undersigned/core',
    '@undersigned/db',
    '@undersigned/ui',
    '@undersigned/email',
    '@undersigned/jobs',
    '@undersigned/log',
    '@undersigned/config',
  ],
  serverExternalPackages: [
    'pg',
    'nodemailer',
    'react-dom',
    'ioredis',
    'bullmq',
    'prom-client',
    'zipcodes',
    'disposable-email-domains',
    '@bull-board/api',
    '@bull-board/ui',
  ],
  poweredByHeader: false,
  experimental: {
    // forbidden() → 403 page for signed-in staff whose role does not allow a page.
    authInterrupts: true,
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
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

export default config;

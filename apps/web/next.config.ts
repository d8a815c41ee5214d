import { loadEnvFile } from '@undersigned/config/load-env-file';
import type { NextConfig } from 'next';

// One .env at the repository root (see .env.example); variables already set win.
loadEnvFile();

// Pages may be framed by nobody, except the embed widget, which partner sites iframe.
const pageCsp = (frameAncestors: string) =>
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

const common = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No ETag hashing of every HTML response (issue 6: a quarter of the CPU of a cached campaign
  // page went to hashing its 50 KB on each request). Campaign pages change every few seconds under
  // traffic (the count), so a browser's revalidation would rarely get a 304 anyway; /_next/static
  // assets are immutable and cached by URL.
  generateEtags: false,
  transpilePackages: ['@undersigned/core', '@undersigned/db', '@undersigned/jobs', '@undersigned/ui', '@undersigned/config'],
  serverExternalPackages: ['ioredis', 'bullmq', 'pg', 'zipcodes'],
  experimental: {
    globalNotFound: true,
    // Fewer, larger chunks for the campaign page (issue 14: a first visit in ≤ 8 requests). The
    // framework's entry chunks are shared by every route, so merging them duplicates nothing: 7
    // JavaScript requests per first visit become 5 (React DOM + Next's runtime merged into 3 files,
    // the router's layout chunk, and the page's own). A request is worth ~1 MB of uncompressed code
    // here: on a phone, a round trip costs more than the bytes. Not `inlineCss`: it puts the 23 KB
    // stylesheet in the HTML twice (a <style> and again in the RSC payload), on every visit, while a
    // cached immutable stylesheet costs a repeat visit nothing.
    turbopackChunking: {
      priorityRoutes: [/^\/(es\/)?(embed\/)?petitions\/[^/]+$/],
      firstPageLoadPriority: 1,
      requestCost: 1_000_000,
      minChunkSize: 500_000,
      maxMergeChunkSize: 1_000_000,
    },
    serverActions: { bodySizeLimit: '32kb' },
  },
  async headers() {
    return [
      {
        source: '/((?!embed/|es/embed/).*)',
        headers: [...common, { key: 'X-Frame-Options', value: 'DENY' }, { key: 'Content-Security-Policy', value: pageCsp("'none'") }],
      },
      {
        source: '/:prefix(embed|es/embed)/:path*',
        headers: [...common, { key: 'Content-Security-Policy', value: pageCsp('*') }],
      },
      // HSTS only when the request reached us over TLS (the terminating proxy says so): a plain
      // http:// install must not pin browsers to https it cannot serve.
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
      },
    ];
  },
};

export default nextConfig;

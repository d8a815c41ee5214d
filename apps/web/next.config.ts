import { loadEnvFile } from '@undersigned/config/load-env-file';
import type { NextConfig } from 'next';
import { PAGE_HEADER_RULES } from './src/server/security-headers';

// One .env at the repository root (see .env.example); variables already set win.
loadEnvFile();

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No ETag hashing of every HTML response (issue 6: a quarter of the CPU of a cached campaign
  // page went to hashing its 50 KB on each request). Campaign pages change every few seconds under
  // traffic (the count), so a browser's revalidation would rarely get a 304 anyway; /_next/static
  // assets are immutable and cached by URL.
  generateEtags: false,
  transpilePackages: ['@undersigned/core', '@undersigned/db', '@undersigned/jobs', '@undersigned/log', '@undersigned/ui', '@undersigned/config'],
  serverExternalPackages: ['ioredis', 'bullmq', 'prom-client', 'pg', 'zipcodes', 'disposable-email-domains'],
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
  // The security headers of every page, shared with server.ts (which answers the sign API,
  // /_next/static files and cached campaign pages itself): src/server/security-headers.ts.
  async headers() {
    return PAGE_HEADER_RULES;
  },
};

export default nextConfig;

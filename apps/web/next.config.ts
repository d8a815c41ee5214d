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
  transpilePackages: ['@undersigned/core', '@undersigned/db', '@undersigned/jobs', '@undersigned/ui', '@undersigned/config'],
  serverExternalPackages: ['ioredis', 'bullmq', 'pg', 'zipcodes'],
  experimental: {
    globalNotFound: true,
    serverActions: { bodySizeLimit: '32kb' },
  },
  // The security headers of every page, shared with server.ts (which answers the sign API,
  // /_next/static files and cached campaign pages itself): src/server/security-headers.ts.
  async headers() {
    return PAGE_HEADER_RULES;
  },
};

export default nextConfig;

// Shared jest preset: @swc/jest transpiles TypeScript (type-checking is `npm run typecheck`).
// Unit tests: *.test.ts beside the code. Integration tests: *.int.test.ts (real Postgres/Redis/SMTP);
// each integration file creates its own database from a migrated template (packages/db/src/testing).
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      require.resolve('@swc/jest'),
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    // The generated Prisma client imports siblings with explicit .ts extensions.
    '^(\\.{1,2}/.*)\\.(ts|js)$': '$1',
  },
  globalSetup: path.join(__dirname, '..', 'db', 'src', 'testing', 'global-setup.ts'),
  testPathIgnorePatterns: ['/node_modules/', '/.next/', '/dist/', '/e2e/'],
  // request-filtering-agent (the webhook sender's SSRF guard) ships only as ES modules: transpile it too.
  transformIgnorePatterns: ['/node_modules/(?!request-filtering-agent/)'],
  testTimeout: 30000,
  // Print one JSON summary per workspace for scripts/test.mjs to total up.
  reporters: ['default', [path.join(__dirname, 'jest-totals-reporter.js'), {}]],
};

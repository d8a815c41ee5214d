// Shared jest preset: @swc/jest transpiles TypeScript (type-checking is `npm run typecheck`).
// Unit tests: *.test.ts beside the code. Integration tests: *.int.test.ts (real Postgres/Redis/SMTP);
// each integration file creates its own database from a migrated template (packages/db/src/testing).
const path = require('node:path');

/** @type {import('jest').Config} */
/**
 * Packages that ship only as ES modules must be transpiled too: request-filtering-agent (the webhook
 * sender's SSRF guard, imported by core) always, plus a config's own (`more`).
 */
function transpileFromNodeModules(more) {
  return [`/node_modules/(?!(${['request-filtering-agent', ...more].join('|')})/)`];
}

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
  setupFiles: [path.join(__dirname, 'jest-log-level.js')],
  testPathIgnorePatterns: ['/node_modules/', '/.next/', '/dist/', '/e2e/'],
  transformIgnorePatterns: transpileFromNodeModules([]),
  testTimeout: 30000,
  // Print one JSON summary per workspace for scripts/test.mjs to total up.
  reporters: ['default', [path.join(__dirname, 'jest-totals-reporter.js'), {}]],
};

// Not enumerable: configs spread the preset, and jest warns about options it does not know.
Object.defineProperty(module.exports, 'transpileFromNodeModules', { value: transpileFromNodeModules, enumerable: false });

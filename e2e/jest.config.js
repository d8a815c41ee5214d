// Browser journeys of the public app (npm run test:e2e): a fresh migrated + seeded database, a
// production build of apps/web served by its production server (server.ts) on a random port, all
// with the harness's environment (testEnv), and Debian chromium through playwright-core.
// Screenshots land in e2e/artifacts/.
const path = require('node:path');
const preset = require('@undersigned/config/jest');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  rootDir: __dirname,
  testMatch: ['<rootDir>/web-*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: path.join(__dirname, 'harness', 'global-setup.ts'),
  globalTeardown: path.join(__dirname, 'harness', 'global-teardown.ts'),
  maxWorkers: 1,
  testTimeout: 90_000,
  reporters: ['default'],
};

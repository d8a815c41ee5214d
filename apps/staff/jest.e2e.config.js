// Staff browser journeys and the route × role matrix: `npm run test:e2e -w @undersigned/staff`.
// Each spec starts its own database, SMTP server and `next start` of the production build.
const path = require('node:path');
const preset = require('@undersigned/config/jest');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  rootDir: path.resolve(__dirname, '..', '..', 'e2e'),
  // outcomes-journey: the staff app, the public app and the worker on one database (issue 12);
  // tabling-journey: an event link and the review queue across both apps (issue 15).
  testMatch: [
    '<rootDir>/staff-*.spec.ts',
    '<rootDir>/outcomes-journey.spec.ts',
    '<rootDir>/integrations-journey.spec.ts',
    '<rootDir>/tabling-journey.spec.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/'],
  // next-auth/jwt (used to mint session cookies) and its dependencies ship ESM only.
  transformIgnorePatterns: preset.transpileFromNodeModules([
    'next-auth',
    '@auth',
    'jose',
    '@panva',
    'oauth4webapi',
    'preact',
    'preact-render-to-string',
  ]),
  maxWorkers: 1,
  testTimeout: 120_000,
  reporters: ['default'],
};

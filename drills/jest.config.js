const path = require('node:path');
const preset = require('@undersigned/config/jest');

// Drills start real servers and load the machine: one file at a time, generous timeouts, and a
// table of results printed once at the end (src/lib/global-teardown.ts).
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/src/**/*.drill.test.ts'],
  globalSetup: path.join(__dirname, 'src', 'lib', 'global-setup.ts'),
  globalTeardown: path.join(__dirname, 'src', 'lib', 'global-teardown.ts'),
  maxWorkers: 1,
  testTimeout: 240_000,
};

// Writes this workspace's pass/fail totals to .jest-results.json; scripts/test.mjs adds them up
// and prints the final "N passed, N failed" line that CI reads.
const fs = require('node:fs');
const path = require('node:path');

class TotalsReporter {
  onRunComplete(_contexts, results) {
    const out = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
    };
    fs.writeFileSync(path.join(process.cwd(), '.jest-results.json'), JSON.stringify(out));
  }
}
module.exports = TotalsReporter;

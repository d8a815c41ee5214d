// Writes this workspace's pass/fail totals to .jest-results.json (or $JEST_TOTALS_FILE); scripts/test.mjs adds them up
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
    const file = process.env.JEST_TOTALS_FILE || path.join(process.cwd(), '.jest-results.json');
    fs.writeFileSync(file, JSON.stringify(out));
  }
}
module.exports = TotalsReporter;

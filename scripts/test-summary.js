// Sums the results of every test runner that wrote a JSON report into the results folder
// (jest's --json format) into the one line CI reads: `tests: N passed, N failed`.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let suitesFailed = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load runs no test: count it as a failure so it cannot pass unseen.
  suitesFailed += report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
}
console.log(`tests: ${passed} passed, ${failed + suitesFailed} failed`);

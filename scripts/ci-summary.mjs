// Prints one closing line for CI, "N passed, N failed", summed over the JSON reports the test runs
// wrote (test-results/vitest-*.json: the suite on each Node version and the end-to-end test).
import * as fs from 'node:fs';

const reports = fs.existsSync('test-results') ? fs.readdirSync('test-results').filter(f => /^vitest-.*\.json$/.test(f)) : [];
let passed = 0;
let failed = 0;
for (const file of reports) {
    const report = JSON.parse(fs.readFileSync(`test-results/${file}`, 'utf-8'));
    passed += report.numPassedTests ?? 0;
    // A file that fails to load has no failed tests but a failed suite: count it once.
    failed += report.numFailedTests || report.numFailedTestSuites || 0;
    console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || reports.length === 0 ? 1 : 0;

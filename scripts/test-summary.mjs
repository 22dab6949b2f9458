// Reads the JSON reports of jest, vitest and playwright and prints one closing line,
// "N passed, N failed", which CI reads. A check that is not a test (build, lint) and failed
// counts as one failure, so the line never reads green while something is red.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...failedStages] = process.argv.slice(2);
const read = (name) => {
  const file = join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};

const rows = [];
const jestLike = (label, report) => {
  if (!report)
    return rows.push({ label, passed: 0, failed: 1, note: 'no report (the runner did not finish)' });
  rows.push({
    label,
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: report.numPendingTests,
  });
};
jestLike('API (jest)', read('jest.json'));
// the API's tiers (issue 19): unit (*.spec.ts), medium (services on a database, *.medium-spec.ts), e2e
const apiTiers = (report) => {
  if (!report?.testResults) return null;
  const tiers = { unit: 0, medium: 0, e2e: 0 };
  for (const file of report.testResults) {
    const tier = file.name.endsWith('.medium-spec.ts')
      ? 'medium'
      : file.name.endsWith('.e2e-spec.ts')
        ? 'e2e'
        : 'unit';
    tiers[tier] += file.assertionResults.filter((t) => t.status === 'passed').length;
  }
  return `unit ${tiers.unit}, medium ${tiers.medium}, e2e ${tiers.e2e}`;
};
rows[rows.length - 1].note ??= apiTiers(read('jest.json'));
jestLike('web (vitest)', read('vitest-web.json'));
jestLike('console (vitest)', read('vitest-console.json'));
jestLike('fakes (node:test)', read('fakes.json'));

const playwrightRow = (label, file) => {
  const pw = read(file);
  if (!pw) return { label, passed: 0, failed: 1, note: 'no report (the runner did not finish)' };
  const s = pw.stats ?? {};
  return {
    label,
    passed: s.expected ?? 0,
    failed: (s.unexpected ?? 0) + (s.flaky ?? 0),
    skipped: s.skipped ?? 0,
  };
};
rows.push(playwrightRow('browser (playwright)', 'playwright.json'));
rows.push(playwrightRow('production start', 'playwright-prod.json'));

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\nTest summary');
for (const r of rows) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped ?? 0;
  console.log(
    `  ${r.label.padEnd(22)} ${String(r.passed).padStart(4)} passed, ${r.failed} failed${r.note ? `  (${r.note})` : ''}`,
  );
}
const testStages = new Set([
  'API unit, medium and e2e tests (jest)',
  'web app tests (vitest)',
  'console tests (vitest)',
  'fakes tests (node:test)',
  'browser tests (playwright, headless Chromium)',
  'production start (playwright through nginx)',
]);
for (const stage of failedStages) {
  if (testStages.has(stage)) continue; // already counted through its report
  console.log(`  ${stage}: FAILED`);
  failed += 1;
}
const minutes = (seconds) => `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
const timings = join(dir, 'timings.tsv');
if (existsSync(timings)) {
  console.log('\nTime by stage');
  for (const line of readFileSync(timings, 'utf8').trim().split('\n')) {
    const [stage, seconds] = line.split('\t');
    console.log(`  ${stage.padEnd(52)} ${minutes(Number(seconds)).padStart(12)}`);
  }
}
if (process.env.TEST_STARTED_AT) {
  console.log(
    `\nthe whole run took ${minutes(Math.round(Date.now() / 1000) - Number(process.env.TEST_STARTED_AT))}`,
  );
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedStages.length > 0 ? 1 : 0);

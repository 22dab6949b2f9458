// A node:test reporter that writes jest-like counts as JSON, so scripts/test-summary.mjs can add
// the fakes' own tests to the closing line. Suites (describe blocks) are not counted as tests.
export default async function* jsonCounts(source) {
  const counts = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numRuntimeErrorTestSuites: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.numPendingTests += 1;
    else if (event.type === 'test:pass') counts.numPassedTests += 1;
    else counts.numFailedTests += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}

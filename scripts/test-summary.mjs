#!/usr/bin/env node
// Adds up the JUnit reports of every suite into one closing line: "tests: N passed, N failed, N skipped".
// Exits non-zero when a suite failed or reported no tests at all.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? 'test-results/junit';
const totals = { tests: 0, failures: 0, skipped: 0 };
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xml')) : [];
for (const file of files) {
  const xml = fs.readFileSync(path.join(dir, file), 'utf8');
  // The root <testsuites> element carries the totals (vitest and Playwright both write them).
  const root = /<testsuites\b([^>]*)>/.exec(xml)?.[1] ?? '';
  const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
  totals.tests += attr('tests');
  totals.failures += attr('failures') + attr('errors');
  totals.skipped += attr('skipped');
  console.log(`${file}: ${attr('tests')} tests, ${attr('failures') + attr('errors')} failed, ${attr('skipped')} skipped`);
}
// Tests that passed only on their retry (at most one is allowed): counted as passed, but named.
const e2eReport = path.join(dir, '..', 'e2e-report.json');
if (fs.existsSync(e2eReport)) {
  const flaky = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) if (test.status === 'flaky') flaky.push([...titles, spec.title].filter(Boolean).join(' > '));
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of JSON.parse(fs.readFileSync(e2eReport, 'utf8')).suites ?? []) walk(suite, [suite.title]);
  console.log(`e2e: ${flaky.length} test(s) needed their retry${flaky.length ? `:\n  ${flaky.join('\n  ')}` : ''}`);
}
const passed = totals.tests - totals.failures - totals.skipped;
console.log(`tests: ${passed} passed, ${totals.failures} failed, ${totals.skipped} skipped`);
process.exit(totals.failures > 0 || totals.tests === 0 ? 1 : 0);

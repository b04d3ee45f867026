// `npm test`: unit and integration tests (vitest), then the browser specs (Playwright against the
// real server). Ends with one line `N passed, N failed` and exits non-zero on any failure.
// Suites that need servers run when DATABASE_URL / REDIS_URL are set (see README "Tests").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
const only = process.argv[2]; // "unit" or "e2e" to run one half
mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };

let passed = 0;
let failed = 0;
let broken = false;

function run(label, command, args, reportFile, count) {
  rmSync(reportFile, { force: true });
  console.log(`\n[test] ${label}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (!existsSync(reportFile)) {
    console.error(`[test] ${label} wrote no report (exit ${result.status}); counting it as a failure`);
    broken = true;
    return;
  }
  const counts = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  passed += counts.passed;
  failed += counts.failed;
  if (result.status !== 0 && counts.failed === 0) {
    console.error(`[test] ${label} exited ${result.status} with no failed test (an error outside tests)`);
    broken = true;
  }
}

if (only !== 'e2e') {
  const report = join(results, 'vitest.json');
  run('unit and integration (vitest)', process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], report, (r) => ({
    passed: r.numPassedTests ?? 0,
    failed: (r.numFailedTests ?? 0) + (r.numTotalTestSuites > 0 && r.success === false && (r.numFailedTests ?? 0) === 0 ? 1 : 0),
  }));
}

if (only !== 'unit') {
  const report = join(results, 'playwright.json');
  run('browser (playwright)', process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'e2e/playwright.config.ts'], report, (r) => ({
    passed: r.stats?.expected ?? 0,
    failed: (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0) + (r.errors?.length ?? 0),
  }));
}

if (broken && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

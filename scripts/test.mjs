// `npm test`: every suite — unit, differential (against real Go 1.23) and browser
// (Debian Chromium via playwright-core) — in one vitest run, ending with one line
// `N passed, N failed` for all of them together.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.test-out');
mkdirSync(out, { recursive: true });

function step(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nnpm test: ${what} failed (exit ${r.status ?? r.signal}).`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

step('bash', ['scripts/ensure-tools.sh'], 'tool check (Go 1.23, Chromium)');
step(process.execPath, ['scripts/build-cli.mjs'], 'CLI build');
step(process.execPath, ['scripts/oracle/build.mjs'], 'Go oracle build');
step(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'], 'typecheck (tsc --noEmit)');

const report = join(out, 'vitest-report.json');
const extra = process.argv.slice(2);
const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests ?? 0;
  failed = j.numFailedTests ?? 0;
  // a test file that failed without a failing test (import or syntax error, hook failure) counts once
  for (const f of j.testResults ?? []) {
    if (f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')) failed++;
  }
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  if (skipped) {
    console.error(`npm test: ${skipped} tests were skipped; skipped tests are not allowed.`);
    failed += skipped;
  }
}
if (r.status !== 0 && failed === 0) failed = 1;
if (passed === 0 && failed === 0) failed = 1; // a run with no tests is a failure
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && r.status === 0 ? 0 : 1);

#!/usr/bin/env node
/**
 * `npm test`: every check and suite in one run, then one combined `N passed, N failed` line (what CI
 * reads). Checks (typecheck, lint, build) count as one test each; suites report their own counts.
 * Any failure, or a suite that crashes without a report, makes the exit code non-zero.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const results = [];
mkdirSync('test-results', { recursive: true });

function run(cmd, args, env = {}) {
  console.log(`\n▶ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  const ok = run(cmd, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

function suite(name, cmd, args, report, count) {
  rmSync(report, { force: true });
  const ok = run(cmd, args);
  let counts = null;
  try {
    counts = count(JSON.parse(readFileSync(report, 'utf8')));
  } catch {
    // No report: the runner crashed before writing one.
  }
  if (!counts) counts = { passed: 0, failed: 1 };
  else if (!ok && counts.failed === 0) counts.failed = 1; // the runner failed for a reason outside any test
  results.push({ name, ...counts });
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npm', ['run', '--silent', 'lint']);
suite(
  'unit (vitest)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json'],
  'test-results/unit.json',
  (j) => ({
    passed: j.numPassedTests,
    failed:
      j.numFailedTests +
      (j.numTotalTestSuites > 0 && j.numFailedTestSuites > 0 && j.numFailedTests === 0 ? 1 : 0),
  }),
);
if (check('build', 'npx', ['vite', 'build'])) {
  check('production build has no test hooks', 'node', ['scripts/check-build.mjs', 'dist']);
  check('main thread loads no ONNX Runtime or transformers.js', 'node', [
    'scripts/check-main-thread.mjs',
    'dist',
  ]);
} else {
  results.push({ name: 'production build has no test hooks', passed: 0, failed: 1 });
  results.push({
    name: 'main thread loads no ONNX Runtime or transformers.js',
    passed: 0,
    failed: 1,
  });
}
// The e2e suite drives the test build (dist-e2e/): the same app plus its test hooks.
if (
  check('test build', 'npx', ['vite', 'build', '--mode', 'e2e']) &&
  check('test build has its hooks', 'node', ['scripts/check-build.mjs', '--hooks', 'dist-e2e'])
) {
  suite('e2e (playwright)', 'npx', ['playwright', 'test'], 'test-results/e2e.json', (j) => ({
    passed: j.stats.expected + j.stats.flaky,
    failed: j.stats.unexpected,
  }));
} else {
  results.push({ name: 'e2e (playwright)', passed: 0, failed: 1 });
}
if (existsSync('training/tests')) {
  const python = process.env.TTC_PYTHON ?? '/usr/bin/python3';
  suite(
    'training (python)',
    python,
    ['training/run_tests.py', '--json', 'test-results/python.json'],
    'test-results/python.json',
    (j) => j,
  );
}

console.log('\nSummary');
for (const r of results)
  console.log(`  ${r.failed ? '✗' : '✓'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const line = `${passed} passed, ${failed} failed`;
writeFileSync('test-results/summary.txt', line + '\n');
console.log(line);
process.exitCode = failed > 0 ? 1 : 0;

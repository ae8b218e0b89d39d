#!/usr/bin/env node
/**
 * `node scripts/check-build.mjs dist`: the production build contains no test hook — every hook sits
 * behind `if (TEST_BUILD)` (src/runtime/testBuild.ts) and must have been dropped as dead code.
 * `node scripts/check-build.mjs --hooks dist-e2e`: the test build does contain them (so the first
 * check can fail: the markers are the right ones). Exits non-zero, naming the files, otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Names only test hooks use: the globals the e2e suite sets and the hooks' own fields. */
const MARKERS = [
  '__TTC_TEST__',
  '__TTC_PROBE__',
  'killWorkerOnFirstProgress',
  'cancelAfterProblems',
  'probeFetch',
  'probeForks',
  'failCacheWrites',
  'killSearchWorkerOnRun',
  'cancelTreeCurvesAfterRuns',
  'searchRunsStarted',
  'killVerifierWorkerOnScore',
  'scoreCallsStarted',
  'downloadFault',
  'gpuLoss',
  'drawsStarted',
  'noGpuAdapter',
  'disk is full (test hook)',
];

/** Test-only modules (src/runtime/testing/): none may become a chunk of the production build. */
const TEST_MODULES = /(^|\/)(forkCheck|hubTestModel)[-.]/;

const args = process.argv.slice(2);
const expectHooks = args[0] === '--hooks';
const dir = expectHooks ? args[1] : args[0];
if (!dir) {
  console.error('usage: check-build.mjs [--hooks] DIR');
  process.exit(2);
}

function files(d) {
  return readdirSync(d).flatMap((name) => {
    const path = join(d, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const found = new Map(MARKERS.map((m) => [m, []]));
for (const file of files(dir).filter((f) => /\.(js|mjs|html)$/.test(f))) {
  const text = readFileSync(file, 'utf8');
  for (const m of MARKERS) if (text.includes(m)) found.get(m).push(file);
}
if (expectHooks) {
  const missing = MARKERS.filter((m) => found.get(m).length === 0);
  if (missing.length > 0) {
    console.error(`${dir}: the test build lacks the test hooks ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log(`${dir}: all ${MARKERS.length} test-hook markers present (test build)`);
} else {
  const leaks = [...found].filter(([, where]) => where.length > 0);
  const chunks = files(dir).filter((f) => TEST_MODULES.test(f));
  if (chunks.length > 0) {
    console.error(`${dir}: test-only modules built as chunks: ${chunks.join(', ')}`);
    process.exit(1);
  }
  if (leaks.length > 0) {
    for (const [m, where] of leaks)
      console.error(`${dir}: test hook "${m}" in ${where.join(', ')}`);
    process.exit(1);
  }
  console.log(`${dir}: no test hooks (checked ${MARKERS.length} markers)`);
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { ScoreReport } from '../src/core/metrics/score';
import { syntheticPool, type SyntheticPoolOptions } from '../src/core/tasks';
import type { Pool } from '../src/core/types';
import { withNoisyOracle } from '../src/core/verifiers/noisyOracle';

/** Collects console errors and page errors; the test asserts there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** Waits until the run bar reports `status` (done, cancelled, error). */
export async function runEnds(page: Page, status: string, timeout = 120_000): Promise<void> {
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', status, { timeout });
}

/** Clicks an export button and returns the downloaded file's text. */
export async function exported(page: Page, testId: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  return readFileSync((await download.path())!, 'utf8');
}

/** `ttc score` on a pool file, with the given estimator and seed (and flags): the CLI's numbers. */
export function ttcScore(
  pool: Pool,
  estimator: string,
  seed: number,
  flags: string[] = [],
): ScoreReport {
  const dir = mkdtempSync(join(tmpdir(), 'ttc-e2e-'));
  const poolPath = join(dir, 'pool.json');
  const outPath = join(dir, 'curves.json');
  writeFileSync(poolPath, JSON.stringify(pool));
  execFileSync(
    'node',
    [
      '--import',
      'tsx',
      'cli/ttc.ts',
      'score',
      '--pool',
      poolPath,
      '--out',
      outPath,
      '--estimator',
      estimator,
      '--seed',
      String(seed),
      ...flags,
    ],
    { stdio: 'pipe' },
  );
  return JSON.parse(readFileSync(outPath, 'utf8')) as ScoreReport;
}

/** A full-page screenshot kept with the test's results (the main states of the app). */
export async function snapshot(page: Page, info: TestInfo, name: string): Promise<void> {
  await info.attach(name, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

/**
 * A synthetic pool scored by a noisy oracle (FP 0.2, FN 0.1), served at the same-origin `path` so a
 * link can open it (`?pool=path`). Returns the pool.
 */
export async function serveSyntheticPool(
  page: Page,
  path: string,
  options: SyntheticPoolOptions,
): Promise<Pool> {
  const pool = withNoisyOracle(syntheticPool(options), {
    falsePositive: 0.2,
    falseNegative: 0.1,
    noise: 0,
    seed: options.seed,
  });
  await page.route(
    (url) => url.pathname === path,
    (route) => route.fulfill({ body: JSON.stringify(pool), contentType: 'application/json' }),
  );
  return pool;
}

/** `ttc sweep --strategy …` with the app's defaults (seed 0, M = 4, the strong verifier): the file. */
export function cliSweep(args: string[]): string {
  const out = join(mkdtempSync(join(tmpdir(), 'ttc-search-')), 'search.json');
  execFileSync(
    'node',
    [
      '--import',
      'tsx',
      'cli/ttc.ts',
      'sweep',
      ...args,
      '--search-verifier',
      'arith-verifier',
      '--out',
      out,
    ],
    { stdio: 'pipe' },
  );
  return out;
}

/** `ttc sweep` in process (a pool, no search) with the given flags: the pool file. */
export function ttcSweepPool(args: string[]): Pool {
  const out = join(mkdtempSync(join(tmpdir(), 'ttc-sweep-')), 'pool.json');
  execFileSync('node', ['--import', 'tsx', 'cli/ttc.ts', 'sweep', ...args, '--out', out], {
    stdio: 'pipe',
  });
  return JSON.parse(readFileSync(out, 'utf8')) as Pool;
}

/** `ttc serve` on `port` (loopback), resolved once it is serving; the caller kills it. */
export function ttcServe(
  port: number,
  flags: string[],
  env: Record<string, string> = {},
): { process: ChildProcess; up: Promise<void> } {
  const p = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/ttc.ts', 'serve', '--port', String(port), ...flags],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const up = new Promise<void>((resolve, reject) => {
    p.stdout!.on('data', (d: Buffer) => d.toString().includes('serving') && resolve());
    p.once('exit', (code) => reject(new Error(`ttc serve on ${port} exited ${code}`)));
  });
  return { process: p, up };
}

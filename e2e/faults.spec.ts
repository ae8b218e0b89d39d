/**
 * The fault matrix's tree-search and scoring rows (README, "Faults"). Tree search: the chart's tree
 * curves — many search runs in the search worker — cancelled, their worker killed, their model
 * fetch failed; Resume or Retry searches only what is missing (the test build counts the runs the
 * worker is asked for) and the curve equals `ttc sweep --strategy beam`. Scoring: a drawn pool
 * scored by a newly chosen verifier, cancelled, its worker killed, its model fetch failed; Run or
 * Retry scores only what is missing, no sample is drawn again, and the scores equal a clean run's.
 * Faults come from test-build hooks and one-shot routes, never from timing.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { TestHooks } from '../src/app/testHooks';
import type { Pool } from '../src/core/types';
import type { SearchResults } from '../src/runtime/searchSweep';
import { cliSweep, exported, runEnds, watchErrors } from './helpers';

// Two level-2 problems, budgets 1 and 2: four beam-search runs.
const POOL = '/?levels=2&problems=2&n=2&k=2&backend=wasm&s=majority';
const RUNS = 4;

const withHooks = (page: Page, hooks: TestHooks) =>
  page.addInitScript((h) => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = h;
  }, hooks);

/** A count the test build keeps in the hooks object (`searchRunsStarted`, `scoreCallsStarted`). */
const counted = (page: Page, key: 'searchRunsStarted' | 'scoreCallsStarted') =>
  page.evaluate((k) => (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__?.[k], key);
const searchRunsStarted = (page: Page) => counted(page, 'searchRunsStarted');

let cli: SearchResults['curves'][string];
test.beforeAll(() => {
  const out = cliSweep(['--strategy', 'beam', '--n', '1,2', '--levels', '2', '--problems', '2']);
  cli = (JSON.parse(readFileSync(out, 'utf8')) as SearchResults).curves['beam']!;
});

/** The finished curve: k = 2 on show, then k = 1, each equal to the CLI's. */
async function expectCliCurve(page: Page): Promise<void> {
  // A restarted worker loads its models again before the remaining runs.
  await expect(page.getByTestId('tree-curves-done')).toContainText(`${RUNS} runs done`, {
    timeout: 120_000,
  });
  const row = page.getByTestId('legend-tree:beam');
  await expect(row).toHaveAttribute('data-accuracy', String(cli.find((p) => p.n === 2)!.accuracy));
  await page.getByTestId('budget').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(row).toHaveAttribute('data-accuracy', String(cli.find((p) => p.n === 1)!.accuracy));
}

test('tree curves cancelled after one run keep it, and Resume searches only the other three', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await withHooks(page, { cancelTreeCurvesAfterRuns: 1, searchRunsStarted: 0 });
  await page.goto(`${POOL}&tc=beam`);
  await runEnds(page, 'done');
  await expect(page.getByTestId('tree-curves-cancelled')).toContainText(
    `Cancelled after 1 of ${RUNS} runs`,
    { timeout: 120_000 },
  );
  expect(await searchRunsStarted(page)).toBe(1);
  await page.getByTestId('tree-curves-resume').click();
  await expectCliCurve(page);
  expect(await searchRunsStarted(page)).toBe(RUNS);
  expect(errors).toEqual([]);
});

test('a search worker killed mid-run says so, keeps the run before it, and Retry completes the curves', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await withHooks(page, { killSearchWorkerOnRun: 2, searchRunsStarted: 0 });
  await page.goto(`${POOL}&tc=beam`);
  await runEnds(page, 'done');
  const error = page.getByTestId('tree-curves-error');
  await expect(error).toContainText('search worker was stopped', { timeout: 120_000 });
  await expect(error).toContainText(`1 of ${RUNS} runs were done and are kept`);
  await page.getByTestId('tree-curves-retry').click();
  await expectCliCurve(page);
  // The killed run is searched again, once; the one before it is not.
  expect(await searchRunsStarted(page)).toBe(RUNS + 1);
});

test('a model fetch that fails as the tree curves start says which model, and Retry completes them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await withHooks(page, { searchRunsStarted: 0 });
  await page.goto(POOL);
  await runEnds(page, 'done');
  // The pool's workers have their models; the search worker's first fetch of the verifier fails.
  let failed = 0;
  await page
    .context()
    .route('**/models/arith-verifier/onnx/model.onnx', (route) =>
      failed++ === 0 ? route.abort('connectionreset') : route.continue(),
    );
  await page.getByTestId('tree-curve-beam').check();
  const error = page.getByTestId('tree-curves-error');
  await expect(error).toContainText('arith-verifier', { timeout: 120_000 });
  await expect(error).toContainText(`0 of ${RUNS} runs were done`);
  expect(await searchRunsStarted(page)).toBe(0);
  await page.getByTestId('tree-curves-retry').click();
  await expectCliCurve(page);
  expect(await searchRunsStarted(page)).toBe(RUNS);
  expect(failed).toBe(2);
});

// The scoring row: three level-2 problems drawn without a verifier, then scored by the strong one
// (choosing it scores the pool's samples; none is drawn again).
const UNSCORED = '/?levels=2&problems=3&n=4&k=4&backend=wasm&verifier=none&s=majority';
const PROBLEMS = 3;

type Hooks = { __TTC_TEST__?: TestHooks };

/** The pool scored by `arith-verifier` in a clean browser, for the faulted runs to equal. */
async function cleanScoredPool(browser: Browser): Promise<Pool> {
  const page = await browser.newPage();
  await page.goto(UNSCORED.replace('verifier=none', 'verifier=arith-verifier'));
  await runEnds(page, 'done');
  const pool = JSON.parse(await exported(page, 'export-pool')) as Pool;
  await page.close();
  return pool;
}

/** What a scored pool holds per sample: its text and its score, in order. */
const scored = (pool: Pool) =>
  pool.problems.map((p) => p.samples.map((s) => [s.text, s.scores['arith-verifier']]));

/** Draws the unscored pool, arms `hooks`, chooses the verifier and runs: the samples before scoring. */
async function scoreAfterDrawing(page: Page, hooks: TestHooks): Promise<Pool> {
  await page.goto(UNSCORED);
  await runEnds(page, 'done');
  const drawn = JSON.parse(await exported(page, 'export-pool')) as Pool;
  await page.evaluate((h) => {
    (globalThis as Hooks).__TTC_TEST__ = { ...(globalThis as Hooks).__TTC_TEST__, ...h };
  }, hooks);
  await page.getByTestId('verifier').selectOption('arith-verifier');
  await expect(page.getByTestId('run-estimate')).toContainText(
    'Scores to compute with the new verifier',
  );
  await page.getByTestId('run').click();
  return drawn;
}

/** After Retry: every sample scored as in a clean run, and no sample drawn again. */
async function expectScoredAsClean(page: Page, drawn: Pool, clean: Pool): Promise<void> {
  await runEnds(page, 'done');
  const pool = JSON.parse(await exported(page, 'export-pool')) as Pool;
  expect(pool.problems.map((p) => p.samples.map((s) => s.text))).toEqual(
    drawn.problems.map((p) => p.samples.map((s) => s.text)),
  );
  expect(scored(pool)).toEqual(scored(clean));
}

test('scoring cancelled after one problem keeps its scores, and Run scores only the other two', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const clean = await cleanScoredPool(browser);
  await withHooks(page, {});
  const drawn = await scoreAfterDrawing(page, { cancelAfterProblems: 1, scoreCallsStarted: 0 });
  await runEnds(page, 'cancelled');
  expect(await counted(page, 'scoreCallsStarted')).toBe(1);
  await page.getByTestId('run').click();
  await expectScoredAsClean(page, drawn, clean);
  expect(await counted(page, 'scoreCallsStarted')).toBe(PROBLEMS);
});

test('a verifier worker killed mid-scoring says so, and Retry scores only what is missing', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const clean = await cleanScoredPool(browser);
  await withHooks(page, {});
  const drawn = await scoreAfterDrawing(page, {
    killVerifierWorkerOnScore: 2,
    scoreCallsStarted: 0,
  });
  await runEnds(page, 'error');
  await expect(page.getByTestId('run-error')).toContainText('verifier worker was stopped');
  await expect(page.getByTestId('run-error')).toHaveAttribute('data-kind', 'crash');
  await page.getByTestId('run').click(); // labelled Retry
  await expectScoredAsClean(page, drawn, clean);
  // The killed call is made again, once; the problem scored before it is not.
  expect(await counted(page, 'scoreCallsStarted')).toBe(PROBLEMS + 1);
});

test('a verifier model fetch that fails as scoring starts says which model, and Retry scores the pool', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const clean = await cleanScoredPool(browser);
  let failed = 0;
  await page.route('**/models/arith-verifier/onnx/model.onnx', (route) =>
    failed++ === 0 ? route.abort('connectionreset') : route.continue(),
  );
  await withHooks(page, {});
  const drawn = await scoreAfterDrawing(page, { scoreCallsStarted: 0 });
  await runEnds(page, 'error');
  await expect(page.getByTestId('run-error')).toContainText('arith-verifier');
  await page.getByTestId('run').click();
  await expectScoredAsClean(page, drawn, clean);
  expect(failed).toBe(2);
});

/**
 * The fault matrix's tree-search row (README, "Faults"): the chart's tree curves — a long operation
 * of many search runs in the search worker — cancelled, their worker killed, and their model fetch
 * failed mid-way. Each ends with a clear message and the finished runs kept; Resume or Retry then
 * searches only what is missing (the test build counts the runs the worker is asked for), and the
 * curve equals `ttc sweep --strategy beam` on the same problems. Faults come from test-build hooks
 * and a one-shot route, never from timing.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { TestHooks } from '../src/app/testHooks';
import type { SearchResults } from '../src/runtime/searchSweep';
import { cliSweep, runEnds, watchErrors } from './helpers';

// Two level-2 problems, budgets 1 and 2: four beam-search runs.
const POOL = '/?levels=2&problems=2&n=2&k=2&backend=wasm&s=majority';
const RUNS = 4;

const withHooks = (page: Page, hooks: TestHooks) =>
  page.addInitScript((h) => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = h;
  }, hooks);

const searchRunsStarted = (page: Page) =>
  page.evaluate(() => (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__?.searchRunsStarted);

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

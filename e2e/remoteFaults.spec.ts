/**
 * The fault matrix's remote-sweep row (README, "Faults"): the page's pool run drawing from `ttc
 * serve` as a remote policy (one request per sample, with the sample's seed), cancelled after a
 * problem, its worker killed mid-draw, and its server failing every request for problem 2 (500 with
 * Retry-After: 0, so the transport's bounded retries run out at once, not on a clock). Each ends
 * with a message and what was drawn kept; Run or Retry draws only the rest (counted by prompt at the
 * network), and the pool equals `ttc sweep` in process.
 */
import type { ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import type { TestHooks } from '../src/app/testHooks';
import type { Pool } from '../src/core/types';
import { exported, runEnds, ttcServe, ttcSweepPool } from './helpers';

const PORT = 4194;
const SERVER = `http://127.0.0.1:${PORT}/v1`;
const LINK = '/?problems=3&n=4&k=4&levels=1-2&backend=wasm&s=majority&verifier=none';
let server: ChildProcess | null = null;
/** `ttc sweep` in process on the same problems: [seed, text] per sample. */
let want: [number | null, string][];
let questions: string[];

const view = (p: Pool) => p.problems.flatMap((e) => e.samples.map((s) => [s.seed, s.text]));

test.beforeAll(async () => {
  const s = ttcServe(PORT, ['--models', 'arith-policy']);
  server = s.process;
  const local = ttcSweepPool(['--problems', '3', '--n', '4', '--levels', '1-2']);
  want = view(local) as [number | null, string][];
  questions = local.problems.map((e) => e.problem.question);
  await s.up;
});
test.afterAll(() => {
  server?.kill('SIGTERM');
});

/**
 * The page with its built-in run done, the server connected as the policy, and every completion
 * request counted by the problem its prompt asks (`failing`: problems whose requests get a 500).
 */
async function connected(page: Page) {
  const asked = [0, 0, 0];
  const failing = new Set<number>();
  await page.context().route(`${SERVER}/completions`, async (route) => {
    const prompt = String(
      (JSON.parse(route.request().postData() ?? '{}') as { prompt?: unknown }).prompt ?? '',
    );
    const problem = questions.findIndex((q) => prompt.includes(q));
    if (problem >= 0) asked[problem]!++;
    if (failing.has(problem))
      return route.fulfill({
        status: 500,
        headers: { 'Retry-After': '0', 'Access-Control-Allow-Origin': '*' },
        body: '{"error":{"message":"injected fault"}}',
      });
    return route.continue();
  });
  await page.goto(LINK);
  await runEnds(page, 'done');
  await page.getByTestId('policy').selectOption('__remote__');
  await page.getByTestId('remote-policy-url').fill(SERVER);
  await page.getByTestId('remote-policy-connect').click();
  await expect(page.getByTestId('remote-policy-model')).toHaveValue('arith-policy');
  return { asked, failing };
}

const arm = (page: Page, hooks: TestHooks) =>
  page.evaluate((h) => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = h;
  }, hooks);

async function expectInProcessPool(page: Page): Promise<void> {
  const pool = JSON.parse(await exported(page, 'export-pool')) as Pool;
  expect(pool.models[0]).toMatchObject({ id: 'arith-policy', remote: { url: SERVER } });
  expect(view(pool)).toEqual(want);
}

test('a remote sweep cancelled after one problem keeps it, and Run draws only the rest', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { asked } = await connected(page);
  await arm(page, { cancelAfterProblems: 1 });
  await page.getByTestId('run').click();
  await runEnds(page, 'cancelled');
  expect(asked).toEqual([4, 0, 0]);
  await expect(page.getByTestId('run-estimate')).toContainText('8 samples to draw');
  await page.getByTestId('run').click();
  await runEnds(page, 'done');
  expect(asked).toEqual([4, 4, 4]);
  await expectInProcessPool(page);
});

test('a remote sweep whose worker is killed mid-draw says so, and Retry completes it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await connected(page);
  await arm(page, { killWorkerOnFirstProgress: true });
  await page.getByTestId('run').click();
  await runEnds(page, 'error');
  await expect(page.getByTestId('run-error')).toHaveAttribute('data-kind', 'crash');
  await expect(page.getByTestId('run-error')).toContainText('worker was stopped');
  await page.getByTestId('run').click(); // labelled Retry
  await runEnds(page, 'done');
  await expectInProcessPool(page);
});

test('a server failing mid-sweep: its answer named, problem 1 kept, Retry draws only the rest', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { asked, failing } = await connected(page);
  failing.add(1);
  await page.getByTestId('run').click();
  await runEnds(page, 'error');
  await expect(page.getByTestId('run-error')).toContainText('500');
  expect(asked[0]).toBe(4);
  // One of problem 2's four requests ran out of tries (the first and the transport's five retries),
  // which ended the run and cancelled the others wherever they were.
  expect(asked[1]).toBeGreaterThanOrEqual(6);
  expect(asked[1]).toBeLessThanOrEqual(4 * 6);
  expect(asked[2]).toBe(0);
  failing.clear();
  await page.getByTestId('run').click();
  await runEnds(page, 'done');
  expect(asked[0]).toBe(4);
  expect(asked[2]).toBe(4);
  await expectInProcessPool(page);
});

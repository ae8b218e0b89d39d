/**
 * GPU loss mid-run, on WebGPU (SwiftShader): the test build destroys the policy worker's device at
 * the first decode step of problem 2's draw. The worker restarts and the run goes on — on a new
 * device, or on WASM when the restarted worker finds no adapter — and completes. Problem 1's samples,
 * drawn before the loss, are kept (the worker is asked for them once) and equal a clean WebGPU run's;
 * problem 2's equal a clean run on the backend they record. The same for the chart's tree curves,
 * their device lost after the first step of search run 2. Forced by hooks, never by timing.
 */
import { expect, test, type Browser } from '@playwright/test';
import type { TestHooks } from '../src/app/testHooks';
import type { Pool, Sample } from '../src/core/types';
import type { Bundle } from '../src/app/export/bundle';
import type { SearchRun } from '../src/runtime/searchSweep';
import { exported, runEnds, watchErrors } from './helpers';

const run = (backend: string) =>
  `/?levels=1&problems=2&n=2&k=2&backend=${backend}&verifier=none&s=majority`;

/** A run in a fresh context (its own storage: nothing restored), its pool and the page's hooks. */
async function poolOf(browser: Browser, backend: string, hooks: TestHooks = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript((h) => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = h;
  }, hooks);
  await page.goto(run(backend));
  await runEnds(page, 'done', 150_000);
  const pool = JSON.parse(await exported(page, 'export-pool')) as Pool;
  // The run has ended: the note is there or it is not.
  const note = page.getByTestId('run-recovered');
  const recovered = (await note.count()) > 0 ? await note.textContent() : null;
  const after = await page.evaluate(
    () => (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__,
  );
  await context.close();
  return { pool, recovered, hooks: after!, errors };
}

const TREE = (backend: string) =>
  `${run(backend).replace('&verifier=none', '&verifier=oracle')}&tc=beam`;
/** Budgets 1 and 2 on two problems. */
const TREE_RUNS = 4;

/** The chart's tree curves searched in a fresh context: their runs (from the bundle) and the note. */
async function treeRunsOf(browser: Browser, backend: string, hooks: TestHooks = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((h) => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = h;
  }, hooks);
  await page.goto(TREE(backend));
  await runEnds(page, 'done', 150_000);
  await expect(page.getByTestId('tree-curves-done')).toContainText(`${TREE_RUNS} runs done`, {
    timeout: 240_000,
  });
  const bundle = JSON.parse(await exported(page, 'export-bundle')) as Bundle;
  const note = page.getByTestId('tree-curves-recovered');
  const recovered = (await note.count()) > 0 ? await note.textContent() : null;
  const after = await page.evaluate(
    () => (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__,
  );
  await context.close();
  return { runs: bundle.searchRuns!, recovered, hooks: after! };
}

/** What a run found and spent, without its wall-clock time or the backend it records. */
const outcome = ({
  cost: { elapsedMs: _, ...cost },
  backend: __,
  trace: ___,
  ...r
}: SearchRun) => ({
  ...r,
  cost,
});

const samples = (pool: Pool, problem: number): Sample[] => pool.problems[problem]!.samples;
const unmarked = (s: Sample[]) => s.map(({ backend: _, ...rest }) => rest);

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let cleanGpu: Pool;
test('a clean WebGPU run records no per-sample backend', async ({ browser }) => {
  const clean = await poolOf(browser, 'webgpu', { drawsStarted: 0 });
  cleanGpu = clean.pool;
  expect(clean.pool.backend).toBe('webgpu');
  expect(clean.hooks.drawsStarted).toBe(2);
  expect(clean.recovered).toBeNull();
  expect(clean.pool.problems.flatMap((p) => p.samples).some((s) => s.backend)).toBe(false);
});

test('GPU lost mid-run: the run completes on a new device, problem 1 kept', async ({ browser }) => {
  const lost = await poolOf(browser, 'webgpu', { drawsStarted: 0, gpuLoss: { draw: 2 } });
  expect(lost.recovered).toContain('The GPU device was lost during problem 2');
  expect(lost.recovered).toContain('new device');
  // Problem 1 once; problem 2 twice: the draw the loss failed, then its redraw.
  expect(lost.hooks.drawsStarted).toBe(3);
  expect(lost.pool.backend).toBe('webgpu');
  expect(samples(lost.pool, 0)).toEqual(samples(cleanGpu, 0));
  expect(samples(lost.pool, 1)).toEqual(samples(cleanGpu, 1));
  expect(lost.errors).toEqual([]);
});

test('GPU lost and no new device: the rest is drawn on WASM and says so', async ({ browser }) => {
  const lost = await poolOf(browser, 'webgpu', {
    drawsStarted: 0,
    gpuLoss: { draw: 2, noAdapterAfter: true },
  });
  expect(lost.recovered).toContain('The GPU device was lost during problem 2');
  expect(lost.recovered).toContain('went on on WASM');
  expect(lost.hooks.drawsStarted).toBe(3);
  // Before the loss: WebGPU's samples, byte for byte. After: marked WASM, and a clean WASM run's.
  expect(samples(lost.pool, 0)).toEqual(samples(cleanGpu, 0));
  expect(samples(lost.pool, 1).map((s) => s.backend)).toEqual(['wasm', 'wasm']);
  const cleanWasm = await poolOf(browser, 'wasm');
  expect(unmarked(samples(lost.pool, 1))).toEqual(samples(cleanWasm.pool, 1));
  expect(lost.errors).toEqual([]);
});

test('GPU lost mid-search: the tree curves go on on WASM, the run before the loss kept', async ({
  browser,
}) => {
  const lost = await treeRunsOf(browser, 'webgpu', {
    searchRunsStarted: 0,
    gpuLoss: { search: 2, noAdapterAfter: true },
  });
  expect(lost.recovered).toContain('The GPU device was lost during search run 2');
  expect(lost.recovered).toContain('went on on WASM');
  // Run 1 once, run 2 twice (the search the loss failed, then again on WASM), runs 3 and 4 once.
  expect(lost.hooks.searchRunsStarted).toBe(TREE_RUNS + 1);
  expect(lost.runs.map((r) => r.backend)).toEqual([undefined, 'wasm', 'wasm', 'wasm']);
  const gpu = await treeRunsOf(browser, 'webgpu');
  expect(gpu.recovered).toBeNull();
  expect(outcome(lost.runs[0]!)).toEqual(outcome(gpu.runs[0]!));
  const wasm = await treeRunsOf(browser, 'wasm');
  expect(lost.runs.slice(1).map(outcome)).toEqual(wasm.runs.slice(1).map(outcome));
});

/**
 * GPU loss mid-run, on WebGPU (SwiftShader): the test build destroys the policy worker's device at
 * the first decode step of problem 2's draw. The worker restarts and the run goes on — on a new
 * device, or on WASM when the restarted worker finds no adapter — and completes. Problem 1's samples,
 * drawn before the loss, are kept (the worker is asked for them once) and equal a clean WebGPU run's;
 * problem 2's equal a clean run on the backend they record. The same for the chart's tree curves,
 * their device lost after the first step of search run 2. Forced by hooks, never by timing.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { TestHooks } from '../src/app/testHooks';
import type { Pool, Sample } from '../src/core/types';
import type { Bundle } from '../src/app/export/bundle';
import type { SearchRun } from '../src/runtime/searchSweep';
import { exported, runEnds, watchErrors } from './helpers';

const run = (backend: string) =>
  `/?levels=1&problems=2&n=2&k=2&backend=${backend}&verifier=none&s=majority`;

/**
 * `url` in a fresh context (its own storage: nothing restored) under the test build's `hooks`, once
 * its pool run is done and `ready` holds: the export `exportId` gives, the recovery note `noteId`
 * shows (null when none: the run has ended, so it is there or it is not), the hooks as the run left
 * them, and the page's errors.
 */
async function visit(
  browser: Browser,
  url: string,
  hooks: TestHooks,
  {
    exportId,
    noteId,
    ready,
  }: { exportId: string; noteId: string; ready?: (p: Page) => Promise<void> },
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript((h) => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = h;
  }, hooks);
  await page.goto(url);
  await runEnds(page, 'done', 150_000);
  await ready?.(page);
  const file = JSON.parse(await exported(page, exportId)) as unknown;
  const note = page.getByTestId(noteId);
  const recovered = (await note.count()) > 0 ? await note.textContent() : null;
  const after = await page.evaluate(
    () => (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__,
  );
  await context.close();
  return { file, recovered, hooks: after!, errors };
}

/** The pool run: its pool. */
async function poolOf(browser: Browser, backend: string, hooks: TestHooks = {}) {
  const v = await visit(browser, run(backend), hooks, {
    exportId: 'export-pool',
    noteId: 'run-recovered',
  });
  return { ...v, pool: v.file as Pool };
}

const TREE = (backend: string) =>
  `${run(backend).replace('&verifier=none', '&verifier=oracle')}&tc=beam`;
/** Budgets 1 and 2 on two problems. */
const TREE_RUNS = 4;

/** The chart's tree curves: their runs (from the bundle). */
async function treeRunsOf(browser: Browser, backend: string, hooks: TestHooks = {}) {
  const v = await visit(browser, TREE(backend), hooks, {
    exportId: 'export-bundle',
    noteId: 'tree-curves-recovered',
    ready: (page) =>
      expect(page.getByTestId('tree-curves-done')).toContainText(`${TREE_RUNS} runs done`, {
        timeout: 240_000,
      }),
  });
  return { ...v, runs: (v.file as Bundle).searchRuns! };
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

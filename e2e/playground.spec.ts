import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import * as ort from 'onnxruntime-web';
import { makeProblemSet } from '../src/core/tasks/problemSet';
import { arith } from '../src/core/tasks/arith';
import { decode, encode } from '../src/core/tasks/arith/vocab';
import type { Pool } from '../src/core/types';
import { Decoder, decoderConfig } from '../src/runtime/decoder';
import { drawSamples } from '../src/runtime/drawSamples';
import { exported, runEnds, serveSyntheticPool, snapshot, ttcScore, watchErrors } from './helpers';

// Tiny experiments set by URL: 4 problems × 16 samples on WASM, scored by the strong learned verifier.
const TINY = '/?levels=2-3&problems=4&n=16&k=4&backend=wasm&s=majority,bon,weighted,bom,early-stop';

/** The same seeded samples drawn in Node with the same runtime: what the page's pool must hold. */
async function nodeTexts(problemIndex: number, n: number): Promise<string[]> {
  ort.env.wasm.numThreads = 1;
  const dir = 'public/models/arith-policy';
  const decoder = await Decoder.load(
    readFileSync(`${dir}/onnx/model.onnx`),
    decoderConfig(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'))),
  );
  const problem = makeProblemSet(arith, 0, [2, 3], problemIndex + 1)[problemIndex]!;
  const indices = Array.from({ length: n }, (_, i) => i);
  const { samples } = await drawSamples(
    decoder,
    arith,
    { encode, decode },
    problem,
    { seed: 0, indices },
    {
      temperature: 1,
      topP: 1,
      topK: 0,
      maxTokens: 128,
    },
  );
  await decoder.release();
  return samples.map((s) => s.text);
}

test('runs a tiny experiment on WASM; the chart equals `ttc score` on the exported pool at every budget', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto(TINY);
  await runEnds(page, 'done');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '4');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ks', '1,2,4,8,16');
  await snapshot(page, info, 'wasm-run-done');

  const pool = JSON.parse(await exported(page, 'export-pool')) as Pool;
  expect(pool.problems).toHaveLength(4);
  expect(pool.models.map((m) => m.id)).toEqual(['arith-policy', 'arith-verifier']);
  // Seeded sampling gives identical samples in the browser worker and in Node.
  expect(pool.problems[0]!.samples.map((s) => s.text)).toEqual(await nodeTexts(0, 16));

  const cli = ttcScore(pool, 'subsample', 0);
  const ids = [
    'oracle',
    'majority',
    'bon-outcome@arith-verifier',
    'weighted@arith-verifier',
    'bom@arith-verifier',
    'early-stop',
  ];
  const slider = page.getByTestId('budget');
  await slider.focus();
  await page.keyboard.press('Home'); // k = 1, then → walks the budgets from the keyboard
  for (const [j, k] of cli.ks.entries()) {
    if (j > 0) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('budget-value')).toHaveText(`k = ${k}`);
    for (const id of ids) {
      const want = cli.overall.curves[id]![j]!.accuracy;
      const shown = Number(await page.getByTestId(`legend-${id}`).getAttribute('data-accuracy'));
      expect(shown, `${id} at k=${k}`).toBeCloseTo(want, 12);
    }
    // The vote bars of the selected problem sum to the budget.
    const counts = await page
      .getByTestId('vote-bar')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(k);
    // One scale for every bar, the row the picks label too: every track as wide as the others
    // (fills animate, so their share is read from their style, not their current width).
    const bars = await page.getByTestId('vote-bar').evaluateAll((els) =>
      els.map((b) => ({
        count: Number(b.getAttribute('data-count')),
        track: b.querySelector('.vote-track')!.getBoundingClientRect().width,
        share: parseFloat((b.querySelector('.vote-fill') as HTMLElement).style.width),
      })),
    );
    const top = Math.max(...bars.map((b) => b.count));
    for (const b of bars) {
      expect(Math.abs(b.track - bars[0]!.track)).toBeLessThan(0.5);
      expect(b.share).toBeCloseTo((100 * b.count) / top, 3);
    }
  }
  await snapshot(page, info, 'wasm-budget-16');

  // The estimator setting reaches the engine too.
  await page.getByTestId('estimator').selectOption('prefix');
  const prefix = ttcScore(pool, 'prefix', 0);
  await expect
    .poll(async () =>
      Number(await page.getByTestId('legend-majority').getAttribute('data-accuracy')),
    )
    .toBeCloseTo(prefix.overall.curves['majority']!.at(-1)!.accuracy, 12);
  expect(errors).toEqual([]);
});

test('clicking a vote bar lists its samples, and a sample opens step by step with the checker verdicts', async ({
  page,
}, info) => {
  const errors = watchErrors(page);
  await page.goto(TINY);
  await runEnds(page, 'done');
  const bar = page.getByTestId('vote-bar').first();
  const count = Number(await bar.getAttribute('data-count'));
  await bar.click();
  await expect(page.getByTestId('sample')).toHaveCount(count);
  await page.getByTestId('sample').first().click();
  const detail = page.getByTestId('sample-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('step-row').first()).toBeVisible();
  await snapshot(page, info, 'sample-detail');
  // Every compute axis draws (FLOPs from the models' parameter counts, wall-clock from measured time).
  for (const axis of ['generated', 'total', 'flops', 'wallclock', 'samples']) {
    await page.getByTestId('axis').selectOption(axis);
    await expect(page.locator('.chart-figure .recharts-line').first()).toBeVisible();
    await expect(page.getByTestId('budget-marker')).toBeVisible();
  }
  // Problem list: sort by pass@1 and select a problem by click.
  await page.getByTestId('problem-row').nth(2).getByRole('button').click();
  await expect(page.getByTestId('problem-index')).not.toHaveText(/^Problem 1 of/);
  expect(errors).toEqual([]);
});

test('cancelling mid-run keeps the partial pool, and Run completes it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = { cancelAfterProblems: 2 };
  });
  await page.goto('/?levels=2-3&problems=4&n=8&k=8&backend=wasm&verifier=none&s=majority');
  await runEnds(page, 'cancelled');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '2');
  await expect(page.getByTestId('run-estimate')).toContainText('16 samples to draw');
  await page.getByTestId('run').click();
  await runEnds(page, 'done');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '4');
});

test('raising the budget past the pool draws only the new samples', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?levels=2&problems=2&n=4&k=4&backend=wasm&verifier=none&s=majority');
  await runEnds(page, 'done');
  const before = JSON.parse(await exported(page, 'export-pool')) as Pool;
  await page.getByTestId('budget').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('budget-beyond')).toBeVisible();
  await expect(page.getByTestId('run-estimate')).toContainText('8 samples to draw');
  await page.getByTestId('run').click();
  await runEnds(page, 'done');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ks', '1,2,4,8');
  const after = JSON.parse(await exported(page, 'export-pool')) as Pool;
  for (const [i, entry] of after.problems.entries()) {
    expect(entry.samples.slice(0, 4)).toEqual(before.problems[i]!.samples);
  }
  expect(page.url()).toContain('n=8');
});

test('draws 2 samples on WebGPU (SwiftShader) and charts them', async ({ page }, info) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?levels=1&problems=1&n=2&k=2&backend=webgpu&verifier=none&s=majority');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await runEnds(page, 'done', 150_000);
  await expect(page.getByTestId('run-summary')).toContainText('WEBGPU');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ks', '1,2');
  await snapshot(page, info, 'webgpu-run');
  expect(errors).toEqual([]);
});

test('a worker killed mid-run shows an error, and a retry works', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = { killWorkerOnFirstProgress: true };
  });
  await page.goto('/?levels=2&problems=2&n=8&k=8&backend=wasm&verifier=none&s=majority');
  await runEnds(page, 'error');
  await expect(page.getByTestId('run-error')).toContainText('worker was stopped');
  await expect(page.getByTestId('run-error')).toHaveAttribute('data-kind', 'crash');
  await page.getByTestId('run').click(); // labelled Retry
  await runEnds(page, 'done');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '2');
});

test('a preset sets up its phenomenon, says what to look at, and runs', async ({ page }) => {
  await page.goto('/?levels=1&problems=1&n=1&k=1&backend=wasm&verifier=none&s=majority');
  await runEnds(page, 'done');
  await page.getByTestId('preset-oracle-ceiling').click();
  await expect(page.getByTestId('preset-caption')).toContainText('accuracy equals coverage');
  await expect(page.getByTestId('verifier')).toHaveValue('oracle');
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('cancel').click();
  await runEnds(page, 'cancelled');
});

test('a malformed link opens with the valid part and says what it ignored, as text', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(
    '/?problems=2&n=3&levels=1&verifier=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&backend=wasm&s=majority',
  );
  const notice = page.getByTestId('link-messages');
  await expect(notice).toContainText('n="3": expected a power of two');
  await expect(notice).toContainText('<img src=x onerror=alert(1)>');
  expect(await page.locator('img').count()).toBe(0);
  await runEnds(page, 'done');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '2');
  expect(errors).toEqual([]);
});

test('a pool file opened by link is shown without recomputing, scored in parallel slices exactly as `ttc score`', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  // 100 × 256 synthetic samples: big enough that the page splits the scoring across workers.
  const pool = await serveSyntheticPool(page, '/pools/synthetic.json', {
    problems: 100,
    samples: 256,
    seed: 4,
    levels: [2, 3, 4],
  });
  await page.goto('/?s=majority,bon,weighted&k=64&pool=/pools/synthetic.json');
  await expect(page.getByTestId('run-summary')).toContainText(
    'Imported pool /pools/synthetic.json',
  );
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '100', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('verifier')).toHaveValue('noisy-oracle');
  const v = pool.verifiers.at(-1)!.id;
  const cli = ttcScore(pool, 'subsample', 4);
  const j = cli.ks.indexOf(64);
  for (const id of ['oracle', 'majority', `bon-outcome@${v}`, `weighted@${v}`]) {
    await expect
      .poll(async () =>
        Number(await page.getByTestId(`legend-${id}`).getAttribute('data-accuracy')),
      )
      .toBeCloseTo(cli.overall.curves[id]![j]!.accuracy, 12);
  }
  expect(page.url()).toContain('pool=%2Fpools%2Fsynthetic.json');
  expect(errors).toEqual([]);
});

test('process-correct curves: one toggle draws, beside outcome accuracy, picks right for the right reasons, as `ttc score --process`', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const pool = await serveSyntheticPool(page, '/pools/process.json', {
    problems: 20,
    samples: 16,
    seed: 5,
    levels: [2, 3],
  });
  await page.goto('/?s=majority,bon,confidence-min&k=16&pool=/pools/process.json');
  await expect(page.getByTestId('run-summary')).toContainText('Imported pool');
  await expect(page.getByTestId('legend-oracle:process')).toHaveCount(0); // off by default
  await page.getByTestId('process').check();
  expect(new URL(page.url()).searchParams.get('proc')).toBe('1');
  const v = pool.verifiers.at(-1)!.id;
  const cli = ttcScore(pool, 'subsample', 5, ['--process']);
  const j = cli.ks.indexOf(16);
  for (const id of ['oracle', `bon-outcome@${v}`, 'confidence-min']) {
    await expect
      .poll(async () =>
        Number(await page.getByTestId(`legend-${id}:process`).getAttribute('data-accuracy')),
      )
      .toBeCloseTo(cli.process![id]![j]!.accuracy, 12);
  }
  // A vote picks an answer, not a sample: no process line for it.
  await expect(page.getByTestId('legend-majority:process')).toHaveCount(0);
  expect(errors).toEqual([]);
});

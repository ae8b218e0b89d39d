import { expect, test } from '@playwright/test';
import type { Pool } from '../src/core/types';
import { exported, runEnds, ttcScore, watchErrors } from './helpers';

// Levels 2–3 with the strong verifier: majority, best-of-N and the weighted vote compete.
const URL =
  '/?levels=2-3&problems=20&n=16&k=16&backend=wasm&verifier=arith-verifier&s=majority,bon,weighted';

test('compute-optimal scaling: the curve and the per-bin table equal `ttc score --compute-optimal`, the split seed and bins in the link', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto(URL);
  await runEnds(page, 'done', 240_000);
  await page.getByTestId('compute-optimal').check();
  await page.getByTestId('co-split').fill('7');
  await page.getByTestId('co-split').blur();
  await page.getByTestId('tab-compute-optimal').click();
  await expect(page.getByTestId('co-table')).toBeVisible();
  expect(page.url()).toContain('co=1');
  expect(page.url()).toContain('cosplit=7');
  await expect(page.getByTestId('legend-compute-optimal')).toBeVisible();

  const pool = JSON.parse(await exported(page, 'export-pool')) as Pool;
  const among = ['majority', 'bon-outcome@arith-verifier', 'weighted@arith-verifier'];
  const flags = [
    ...['--compute-optimal', '--split-seed', '7', '--among', among.join(',')],
    ...['--baseline', 'bon-outcome@arith-verifier'],
  ];
  const cli = ttcScore(pool, 'subsample', 0, flags).computeOptimal!;
  const rows = page.getByTestId('co-row');
  await expect(rows).toHaveCount(cli.budgets.length);
  const shownAccuracy = async () =>
    (await page.getByTestId('co-accuracy').allTextContents()).map((t) => t.trim());
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  expect(await shownAccuracy()).toEqual(cli.oracle.points.map((p) => pct(p.accuracy)));
  // The legend reads the curve's value at the slider's budget (16).
  const at16 = cli.oracle.points.find((p) => p.budget === 16)!.accuracy!;
  expect(
    Number(await page.getByTestId('legend-compute-optimal').getAttribute('data-accuracy')),
  ).toBeCloseTo(at16, 12);

  // Predicted difficulty: the verifier's mean score, no ground truth.
  await page.getByTestId('co-bins').selectOption('predicted');
  expect(page.url()).toContain('cobins=predicted');
  await expect.poll(shownAccuracy).toEqual(cli.predicted!.points.map((p) => pct(p.accuracy)));
  // Off the samples and token axes it says why instead of drawing.
  await page.getByTestId('axis').selectOption('flops');
  await expect(page.getByTestId('co-message')).toContainText('samples and token axes');
  // The memory-traffic axis reads the built-in policy's config: ticks in bytes, every line drawn.
  await page.getByTestId('axis').selectOption('memory');
  await expect(page.getByTestId('chart')).toContainText(/\d(\.\d+)?MB/);
  await expect(page.getByTestId('legend-majority')).not.toContainText('not available');
  expect(errors).toEqual([]);
});

import { expect, test } from '@playwright/test';
import type { Pool } from '../src/core/types';
import { exported, runEnds, snapshot, ttcScore, watchErrors } from './helpers';

// Level 2, scored by the built-in tag PRM (read by its own step-tag rule, in its own worker).
const PROBLEMS = 8;
const URL = `/?levels=2&problems=${PROBLEMS}&n=16&k=16&backend=wasm&verifier=arith-prm&s=majority,bon,weighted`;

test('the built-in tag PRM: best-of-N by its aggregation as `ttc score` computes it, the aggregation in the link, and the tagged text it read', async ({
  page,
}, info) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto(URL);
  await runEnds(page, 'done', 240_000);
  const pool = JSON.parse(await exported(page, 'export-pool')) as Pool;
  expect(pool.models.map((m) => m.id)).toEqual(['arith-policy', 'arith-prm']);
  expect(pool.problems).toHaveLength(PROBLEMS);
  const cli = ttcScore(pool, 'subsample', 0);
  const at16 = (id: string) => cli.overall.curves[id]!.find((p) => p.k === 16)!.accuracy;
  const shown = async (id: string) =>
    Number(await page.getByTestId(`legend-${id}`).getAttribute('data-accuracy'));
  // Best-of-N reads the PRM's last step (the answer line's tag) by default.
  for (const id of ['majority', 'bon-last@arith-prm', 'weighted@arith-prm'])
    expect(await shown(id), id).toBeCloseTo(at16(id), 12);
  // The aggregation is the experiment's: min ranks by the weakest step.
  await page.getByTestId('prm-aggregation').selectOption('min');
  await expect(page.getByTestId('legend-bon-min@arith-prm')).toBeVisible();
  expect(await shown('bon-min@arith-prm')).toBeCloseTo(at16('bon-min@arith-prm'), 12);
  expect(page.url()).toContain('agg=min');

  // A sample shows what the PRM read: each step line and the answer line with its tag.
  await page.getByTestId('vote-bar').first().click();
  await page.getByTestId('sample').first().click();
  const read = page.getByTestId('verifier-read');
  await expect(read).toBeVisible();
  const text = await read.textContent();
  const problem = pool.problems.find((p) => p.samples.length > 0)!;
  expect(text).toMatch(/¶\nA: -?\d+¶$/);
  expect(text!.split('¶').length - 1).toBeGreaterThanOrEqual(2);
  expect(problem.samples[0]!.scores['arith-prm']!.steps.length).toBeGreaterThan(0);
  await snapshot(page, info, 'tag-prm');
  expect(errors).toEqual([]);
});

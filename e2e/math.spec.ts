import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Pool } from '../src/core/types';
import { snapshot, ttcScore, watchErrors } from './helpers';

/** `ttc import-samples --task math` on the fixture set: completions sampled elsewhere, graded here. */
function importedMathPool(): Pool {
  const out = join(mkdtempSync(join(tmpdir(), 'ttc-math-')), 'pool.json');
  execFileSync(
    'node',
    [
      '--import',
      'tsx',
      'cli/ttc.ts',
      'import-samples',
      '--task',
      'math',
      '--problems',
      'fixtures/math/problems.jsonl',
      '--completions',
      'fixtures/math/completions.jsonl',
      '--out',
      out,
    ],
    { stdio: 'pipe' },
  );
  return JSON.parse(readFileSync(out, 'utf8')) as Pool;
}

test('a math pool opened by link: curves equal `ttc score`, free-text samples with no step verdicts, unknowns said', async ({
  page,
}, info) => {
  const errors = watchErrors(page);
  const pool = importedMathPool();
  // A long free-text answer (a wrong one of problem 1): its bar keeps the whole answer on hover.
  const long = `\\left(${'x+'.repeat(60)}1\\right)`;
  pool.problems[0]!.samples[1]!.answer = long;
  await page.route(
    (url) => url.pathname === '/pools/math.json',
    (route) => route.fulfill({ body: JSON.stringify(pool), contentType: 'application/json' }),
  );
  await page.goto('/?pool=/pools/math.json&s=majority,confidence-min&k=1');
  await expect(page.getByTestId('run-summary')).toContainText('Imported pool');
  await expect(page.getByTestId('task')).toHaveValue('math');

  const cli = ttcScore(pool, 'subsample', 0);
  await expect
    .poll(async () =>
      Number(await page.getByTestId('legend-majority').getAttribute('data-accuracy')),
    )
    .toBeCloseTo(cli.overall.curves['majority']![0]!.accuracy, 12);
  // What the pool cannot say is said: no log-probs, so no confidence selection.
  await expect(page.getByTestId('legend-confidence-min')).toContainText('without log-probs');

  // The first problem (GSM8K): its question as text, its answers as bars, a sample's steps.
  await expect(page.getByTestId('votes')).toBeVisible();
  await expect(page.getByTestId('vote-bar')).toHaveCount(1); // k = 1: one sample's answer
  await page.getByTestId('budget').focus();
  await page.keyboard.press('End');
  const answers = await page
    .getByTestId('vote-bar')
    .evaluateAll((bars) => bars.map((b) => b.getAttribute('data-answer')).sort());
  expect(answers).toEqual([long, '72'].sort());
  const titles = await page
    .getByTestId('vote-bar')
    .evaluateAll((bars) => bars.map((x) => x.querySelector('.vote-answer')!.getAttribute('title')));
  expect(titles).toContain(long);
  // Truncated on screen, and on the same scale as its neighbour with the same count.
  const [a, b] = await page
    .getByTestId('vote-bar')
    .evaluateAll((bars) =>
      bars.map((x) => x.querySelector('.vote-track')!.getBoundingClientRect().width),
    );
  expect(Math.abs(a! - b!)).toBeLessThan(0.5);
  // More samples than the pool holds: the built-in policy cannot draw math, and the bar says why.
  await expect(page.getByTestId('run')).toBeDisabled();
  await expect(page.getByTestId('run-blocked')).toContainText('arith-policy writes only arith');
  await page.getByTestId('vote-bar').first().click();
  await page.getByTestId('sample').first().click();
  const rows = page.getByTestId('sample-detail').getByTestId('step-row');
  await expect(rows).toHaveCount(
    pool.problems[0]!.samples.find((s) => s.answer === '72')!.steps.length,
  );
  // Nothing checked free-text steps: no ✓ or ✗ anywhere in the sample view.
  await expect(page.getByTestId('sample-detail')).not.toContainText('✓');
  await expect(page.getByTestId('sample-detail')).not.toContainText('✗');
  await snapshot(page, info, 'math-pool');
  expect(errors).toEqual([]);
});

test('free text renders its LaTeX with KaTeX and nothing else as HTML: hostile text stays inert', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const pool = importedMathPool();
  const hostile = [
    'Start: $\\frac{1}{2} + \\sqrt{x}$ and $$\\int_0^1 x\\,dx$$',
    '<img src=x onerror=alert(1)> <script>alert(2)</script>',
    '$\\href{javascript:alert(3)}{click}$ and $\\htmlClass{evil}{y}$ and $\\url{https://example.com}$',
    `$${'x+'.repeat(50_000)}1$`,
    'The answer is $\\boxed{2x+1}$.',
  ];
  const sample = pool.problems[2]!.samples[0]!;
  sample.text = hostile.join('\n\n');
  sample.steps = hostile;
  await page.route(
    (url) => url.pathname === '/pools/math.json',
    (route) => route.fulfill({ body: JSON.stringify(pool), contentType: 'application/json' }),
  );
  await page.goto('/?pool=/pools/math.json&s=majority&p=2');
  await expect(page.getByTestId('run-summary')).toContainText('Imported pool');
  await page.getByTestId('vote-bar').first().click();
  await page.getByTestId('sample').first().click();
  const detail = page.getByTestId('sample-detail');
  await expect(detail.getByTestId('step-row')).toHaveCount(hostile.length);
  // The formulas are KaTeX's; the hostile parts are text.
  await expect(detail.locator('.katex').first()).toBeVisible();
  await expect(detail).toContainText('<img src=x onerror=alert(1)>');
  const unsafe = await page.evaluate(() => ({
    links: document.querySelectorAll('a[href]').length,
    images: document.querySelectorAll('img').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    handlers: [...document.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on')),
    ).length,
    evil: document.querySelectorAll('.evil').length,
  }));
  expect(unsafe).toEqual({ links: 0, images: 0, scripts: 0, handlers: 0, evil: 0 });
  // The 100 KB formula is shown as its source, not typeset.
  await expect(detail.locator('code', { hasText: 'x+x+x+' })).toHaveCount(1);
  // The raw toggle shows every formula's source.
  await page.getByTestId('raw-math').check();
  await expect(detail.locator('.katex')).toHaveCount(0);
  await expect(detail).toContainText('$\\frac{1}{2} + \\sqrt{x}$');
  expect(errors).toEqual([]);
});

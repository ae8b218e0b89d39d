/**
 * `npm run bench`, playground half: a pool file of 200 problems × 256 samples (`ttc synth`, with a
 * noisy-oracle verifier) opened by link in the built app, then
 *   - recomputing every curve for 8 strategies after a pool change (in the curves worker), and
 *   - a budget-slider move to a painted chart (key press → legend updated → next frame),
 * each as a median over repeats. Prints JSON. Targets: < 500 ms and < 50 ms.
 */
import { execFileSync } from 'node:child_process';
import { withPreviewPage } from './chromium';

const POOL = 'dist/bench-pool.json';
execFileSync(
  'node',
  [
    '--import',
    'tsx',
    'cli/ttc.ts',
    'synth',
    '--out',
    POOL,
    '--problems',
    '200',
    '--samples',
    '256',
    '--noisy-oracle',
    '0.2,0.1',
  ],
  { stdio: 'inherit' },
);

const STRATEGIES =
  'majority,bon,weighted,bom,early-stop,confidence-min,confidence-mean,first-finish';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const result = await withPreviewPage(
  4177,
  `/?pool=/bench-pool.json&s=${STRATEGIES}&k=16`,
  async (page) => {
    page.on('crash', () => console.error('the page crashed'));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.getByTestId('chart').waitFor({ timeout: 300_000 });
    const curves = () =>
      page.evaluate(() => performance.getEntriesByName('ttc:curves').map((m) => m.duration));
    // Where each recompute went: the scored pool and its typed arrays (main thread), per-problem rows (parallel
    // workers), the report (intervals, bins, verifier quality) in one worker.
    const phases = () =>
      page.evaluate(() => {
        // No local function declarations here: tsx would wrap them in a helper the page lacks.
        const [start, prepared, rows] = ['start', 'prepared', 'rows'].map((n) =>
          performance.getEntriesByName(`ttc:curves:${n}`).map((m) => m.startTime),
        );
        const end = performance.getEntriesByName('ttc:curves').map((m) => m.startTime + m.duration);
        return start!.map((s, i) => ({
          prepare: prepared![i]! - s,
          rows: rows![i]! - prepared![i]!,
          report: end[i]! - rows![i]!,
        }));
      });
    // Pool changes: the estimator toggles rescoring on the same pool; keep the subsample (default) runs.
    for (let i = 0; i < 10; i++) {
      const before = (await curves()).length;
      await page.getByTestId('estimator').selectOption(i % 2 === 0 ? 'prefix' : 'subsample');
      await page.waitForFunction(
        (n) => performance.getEntriesByName('ttc:curves').length > n,
        before,
        { timeout: 120_000 },
      );
    }
    const all = await curves();
    const split = (await phases()).filter((_, i) => i % 2 === 0);
    const subsample = all.filter((_, i) => i % 2 === 0);
    const prefix = all.filter((_, i) => i % 2 === 1);

    const slider = page.getByTestId('budget');
    await slider.focus();
    const moves: number[] = [];
    for (let i = 0; i < 16; i++) {
      // Listen first, then press: the measurement starts at the key and ends one frame after the
      // legend shows the new budget.
      await page.evaluate(() => {
        const w = window as { __move__?: Promise<number> };
        w.__move__ = new Promise<number>((resolve) => {
          let t0 = 0;
          const input = document.querySelector('[data-testid="budget"]')!;
          input.addEventListener('keydown', () => (t0 = performance.now()), {
            once: true,
            capture: true,
          });
          const legend = document.querySelector('[data-testid="legend"]')!;
          const obs = new MutationObserver(() => {
            obs.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
          });
          obs.observe(legend, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
          });
        });
      });
      await page.keyboard.press(i % 8 < 4 ? 'ArrowRight' : 'ArrowLeft');
      moves.push(await page.evaluate(() => (window as { __move__?: Promise<number> }).__move__!));
    }
    return { subsample, prefix, moves, split };
  },
);

console.log(
  JSON.stringify(
    {
      where: 'browser (headless Chromium)',
      pool: '200 problems × 256 samples (ttc synth, noisy oracle 0.2/0.1), opened by link',
      strategies: STRATEGIES.split(',').length,
      recomputeCurvesMs: {
        subsampleMedian: Math.round(median(result.subsample)),
        prefixMedian: Math.round(median(result.prefix)),
        runs: result.subsample.map(Math.round),
        subsamplePhasesMedian: Object.fromEntries(
          (['prepare', 'rows', 'report'] as const).map((k) => [
            k,
            Math.round(median(result.split.map((p) => p[k]))),
          ]),
        ),
        target: 500,
      },
      sliderToPaintMs: {
        median: +median(result.moves).toFixed(1),
        max: +Math.max(...result.moves).toFixed(1),
        target: 50,
      },
    },
    null,
    2,
  ),
);

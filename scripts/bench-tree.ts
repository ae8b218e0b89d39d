/**
 * `npm run bench`, tree-view part: a search trace of N = 64 beams × 40 steps (beam search, M = 4, on
 * the test automaton: ~2,600 nodes) opened in the built app's Tree search tab, then
 *   - stepping one round (click → tree updated → next frame),
 *   - jumping to the end (the whole tree laid out and drawn),
 *   - a wheel zoom and a drag pan over the full tree (event → next frame),
 * each as a median over repeats. Prints JSON. Target: each under one 60 Hz frame budget of work
 * (~16 ms) for pan and zoom, and well under the player's 400 ms round interval for a step.
 */
import { writeFileSync } from 'node:fs';
import { beamSearch } from '../src/core/strategies/beamSearch';
import { getTask } from '../src/core/tasks';
import { automatonChecker, automatonGrade, automatonPolicy } from '../src/core/testing/automaton';
import { withPreviewPage } from './chromium';

const STEPS = 40;
const automaton = {
  length: STEPS,
  table: Array.from({ length: STEPS }, () => [0.9, 0.06, 0.04]),
};
const problem = getTask('arith').generate(1, 2);
const result = await beamSearch(
  {
    problem,
    policy: automatonPolicy(automaton),
    scorer: automatonChecker,
    grade: automatonGrade,
    seed: 1,
  },
  { n: 64, m: 4, maxSteps: STEPS + 1, temperature: 1, lookahead: 0 },
);
const TRACE = 'dist/bench-trace.json';
writeFileSync(TRACE, JSON.stringify(result.trace));
const nodes = result.trace.events.filter((e) => e.type === 'created').length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** In the page: run `act`, then resolve with the time to the frame after the DOM changed. */
const FRAME = `(sel, act) => new Promise((resolve) => {
  const t0 = performance.now();
  act();
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
})`;

const out = await withPreviewPage(
  4182,
  '/?levels=2&problems=1&n=2&k=2&backend=wasm&s=majority',
  async (page) => {
    await page.getByTestId('tab-search').click();
    await page.getByTestId('trace-file').setInputFiles(TRACE);
    await page.getByTestId('tree-play').click(); // pause: the bench steps explicitly
    const time = (act: string) =>
      page.evaluate(`(${FRAME})(null, () => { ${act} })`) as Promise<number>;
    const click = (id: string) => `document.querySelector('[data-testid="${id}"]').click();`;
    const steps: number[] = [];
    for (let i = 0; i < 30; i++) steps.push(await time(click('tree-step')));
    const ends: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('tree-scrub').fill('0');
      ends.push(await time(click('tree-end')));
    }
    const drawn = Number(await page.getByTestId('search-tree').getAttribute('data-nodes'));
    const render = await page.getByTestId('search-tree').getAttribute('data-render');
    const box = await page.getByTestId('search-tree').boundingBox();
    const cx = box!.x + box!.width / 2;
    const cy = box!.y + box!.height / 2;
    const wheel = `document.querySelector('[data-testid="search-tree"] .tree-svg').dispatchEvent(new WheelEvent('wheel', { deltaY: -60, clientX: ${cx}, clientY: ${cy}, bubbles: true, cancelable: true }));`;
    const zooms: number[] = [];
    for (let i = 0; i < 20; i++) zooms.push(await time(wheel));
    // Drags through the real mouse: the time runs from the pointer event to the next frame.
    const pans: number[] = [];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) {
      await page.evaluate(() => {
        const w = window as { __pan__?: Promise<number> };
        w.__pan__ = new Promise<number>((resolve) => {
          const svg = document.querySelector('[data-testid="search-tree"]')!;
          svg.addEventListener(
            'pointermove',
            () => {
              const t0 = performance.now();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
            },
            { once: true, capture: true },
          );
        });
      });
      await page.mouse.move(cx + 5 * i, cy);
      pans.push(await page.evaluate(() => (window as { __pan__?: Promise<number> }).__pan__!));
    }
    await page.mouse.up();
    return { steps, ends, zooms, pans, drawn, render };
  },
  { width: 1600, height: 900 },
);

const summary = (xs: number[]) => ({
  median: +median(xs).toFixed(1),
  max: +Math.max(...xs).toFixed(1),
});
console.log(
  JSON.stringify(
    {
      where: 'browser (headless Chromium), Tree search tab',
      trace: `beam search N = 64, M = 4, ${STEPS}-step solutions (test automaton): ${nodes} nodes, ${result.trace.events.length} events`,
      drawnNodes: out.drawn,
      renderer: out.render,
      stepToPaintMs: summary(out.steps),
      endToPaintMs: summary(out.ends),
      zoomToPaintMs: summary(out.zooms),
      panToPaintMs: summary(out.pans),
    },
    null,
    2,
  ),
);

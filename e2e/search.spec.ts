import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { beamSearch } from '../src/core/strategies/beamSearch';
import { pathTo, replayTrace } from '../src/core/search/trace';
import { arith } from '../src/core/tasks/arith';
import { automatonChecker, automatonGrade, automatonPolicy } from '../src/core/testing/automaton';
import type { SearchResults } from '../src/runtime/searchSweep';
import { cliSweep, runEnds, snapshot, watchErrors } from './helpers';

// One level-2 problem; the pool part is tiny (the page runs it on load), the search is beam N = 8.
const URL = '/?levels=2&problems=1&n=2&k=2&backend=wasm&s=majority&tree=beam&tn=8';

/** `ttc sweep --strategy beam` on the same problem, seed and verifier, with its trace. */
function cliTrace() {
  const out = cliSweep([
    '--strategy',
    'beam',
    '--n',
    '8',
    '--levels',
    '2',
    '--problems',
    '1',
    '--traces',
  ]);
  const results = JSON.parse(readFileSync(out, 'utf8')) as SearchResults;
  return results.runs[0]!.trace!;
}

test('beam search N = 8 on one problem plays to the end: the tree and chosen path equal `ttc sweep`’s trace', async ({
  page,
}, info) => {
  const errors = watchErrors(page);
  await page.goto(URL);
  await page.getByTestId('tab-search').click();
  await page.getByTestId('run-search').click();
  await expect(page.getByTestId('tree-progress')).toBeVisible({ timeout: 120_000 });
  // Step through a few rounds, then to the end: the tree only grows while playing.
  const nodes = () => page.getByTestId('search-tree').getAttribute('data-nodes').then(Number);
  const first = await nodes();
  await page.getByTestId('tree-play').click(); // pause the animation; stepping is explicit
  await page.getByTestId('tree-step').click();
  expect(await nodes()).toBeGreaterThanOrEqual(first);
  await page.getByTestId('tree-end').click();
  await expect(page.getByTestId('search-summary')).toContainText('Answer');

  const trace = cliTrace();
  const tree = replayTrace(trace);
  const path = tree.selected === null ? [] : pathTo(tree, tree.selected);
  const svg = page.getByTestId('search-tree');
  await expect(svg).toHaveAttribute('data-nodes', String(tree.nodes.length));
  await expect(svg).toHaveAttribute('data-path', path.join(','));
  expect(path.length).toBeGreaterThan(1);
  // The highlighted path is drawn: every node on it carries the on-path class.
  for (const id of path) {
    await expect(page.locator(`[data-node="${id}"]`)).toHaveClass(/on-path/);
  }
  await snapshot(page, info, 'search-tree');
  expect(errors).toEqual([]);
});

test('tree strategies join the chart: beam search per budget, live and from a `ttc sweep` file, equals the CLI', async ({
  page,
}, info) => {
  const errors = watchErrors(page);
  // Two level-2 problems, budgets 1, 2, 4: the pool and the searches are tiny.
  await page.goto('/?levels=2&problems=2&n=4&k=4&backend=wasm&s=majority&tc=beam');
  await expect(page.getByTestId('tree-curves-done')).toBeVisible({ timeout: 120_000 });
  const out = cliSweep(['--strategy', 'beam', '--n', '1,2,4', '--levels', '2', '--problems', '2']);
  const cli = (JSON.parse(readFileSync(out, 'utf8')) as SearchResults).curves['beam']!;
  const row = page.getByTestId('legend-tree:beam');
  const slider = page.getByTestId('budget');
  for (const k of [4, 2, 1]) {
    await expect(row).toHaveAttribute(
      'data-accuracy',
      String(cli.find((p) => p.n === k)!.accuracy),
    );
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
  }
  // The difficulty view breaks it down too: one level here, so its bar is the curve's value at k = 1.
  await expect
    .poll(async () => {
      const rows = JSON.parse(
        (await page.getByTestId('difficulty-chart').getAttribute('data-rows')) ?? '[]',
      ) as Record<string, unknown>[];
      return rows.map((r) => [r['bin'], r['tree:beam']]);
    })
    .toEqual([['L2', cli.find((p) => p.n === 1)!.accuracy]]);
  await snapshot(page, info, 'tree-curves');

  // Unchecked, the live line goes; the CLI's file draws the same one.
  await page.getByTestId('tree-curve-beam').uncheck();
  await expect(row).toHaveCount(0);
  await page.getByTestId('pool-file').setInputFiles(out);
  await expect(page.getByTestId('tree-curves-done')).toContainText('search.json');
  await expect(row).toHaveAttribute('data-accuracy', String(cli.find((p) => p.n === 1)!.accuracy));
  expect(errors).toEqual([]);
});

test('an exported trace opens in the Tree search tab; a big one is drawn on a canvas, a bad one says why', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // N = 64 beams × 30-step solutions of the test automaton: well past the SVG limit.
  const { trace } = await beamSearch(
    {
      problem: arith.generate(1, 2),
      policy: automatonPolicy({ length: 30, table: Array.from({ length: 30 }, () => [0.9, 0.1]) }),
      scorer: automatonChecker,
      grade: automatonGrade,
      seed: 3,
    },
    { n: 64, m: 4, maxSteps: 31, temperature: 1, lookahead: 0 },
  );
  const dir = mkdtempSync(join(tmpdir(), 'ttc-trace-'));
  const file = join(dir, 'trace.json');
  writeFileSync(file, JSON.stringify(trace));
  const tree = replayTrace(trace);
  expect(tree.nodes.length).toBeGreaterThan(1000);

  await page.goto('/?levels=2&problems=1&n=2&k=2&backend=wasm&s=majority');
  await page.getByTestId('tab-search').click();
  await page.getByTestId('trace-file').setInputFiles(file);
  await page.getByTestId('tree-end').click();
  const view = page.getByTestId('search-tree');
  await expect(view).toHaveAttribute('data-render', 'canvas');
  await expect(view).toHaveAttribute('data-nodes', String(tree.nodes.length));
  await expect(view).toHaveAttribute('data-path', pathTo(tree, tree.selected!).join(','));
  await expect(page.getByTestId('search-summary')).toContainText('from trace.json');

  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...trace, events: [{ type: 'scored', node: 5, score: 2 }] }));
  await page.getByTestId('trace-file').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('bad.json is not a search trace: event 0');
  expect(errors).toEqual([]);
});

test('tree search runs on WebGPU (SwiftShader) with the KV cache kept on the GPU between steps', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  // Two beams of width 2 on a level-1 problem: a few dozen decode steps, each branching on the GPU.
  await page.goto(
    '/?levels=1&problems=1&n=2&k=2&backend=webgpu&verifier=oracle&s=majority&tree=beam&tn=2&tm=2',
  );
  await page.getByTestId('tab-search').click();
  await page.getByTestId('run-search').click();
  await page.getByTestId('tree-end').click({ timeout: 150_000 });
  await expect(page.getByTestId('search-summary')).toContainText('Answer');
  expect(Number(await page.getByTestId('search-tree').getAttribute('data-nodes'))).toBeGreaterThan(
    3,
  );
  expect(errors).toEqual([]);
});

test('a retrained model (a model file with another hash) does not replay stored search runs', async ({
  page,
}) => {
  // Three runs and three searches (34–60 s on two cores): the 60 s default cut it short once.
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const search = async () => {
    await runEnds(page, 'done');
    await page.getByTestId('tab-search').click();
    await page.getByTestId('run-search').click();
    await page.getByTestId('tree-end').click({ timeout: 120_000 });
    await expect(page.getByTestId('search-summary')).toContainText('Answer');
    return page.getByTestId('search-summary').getAttribute('data-replayed');
  };
  await page.goto('/?levels=2&problems=1&n=2&k=2&backend=wasm&s=majority&tree=beam&tn=2');
  expect(await search()).toBe('false');
  await page.reload();
  expect(await search()).toBe('true'); // stored in this browser, same model files

  // The verifier retrained: same id, other weights (the fallible verifier's file), another hash.
  const weak = readFileSync('public/models/arith-verifier-weak/onnx/model.onnx');
  await page
    .context()
    .route('**/models/arith-verifier/onnx/model.onnx', (route) =>
      route.fulfill({ body: weak, contentType: 'application/octet-stream' }),
    );
  await page.reload();
  expect(await search()).toBe('false');
  await expect(page.getByTestId('search-summary')).not.toContainText('replayed');
  expect(errors).toEqual([]);
});

test('the small-versus-big preset: beam search on the small policy beside the big one’s majority on the FLOPs axis, each line named and priced by its own policy, as the CLI', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?levels=1&problems=1&n=1&k=1&backend=wasm&verifier=none&s=majority');
  await runEnds(page, 'done');
  await page.getByTestId('preset-small-vs-big').click();
  await expect(page.getByTestId('preset-caption')).toContainText('arith-policy-small');
  await page.getByTestId('cancel').click();
  // The preset is in the link; its first two problems replay it quickly (the preset runs on 20).
  const link = new globalThis.URL(page.url());
  expect(link.searchParams.get('tpol')).toBe('arith-policy-small');
  expect(link.searchParams.get('axis')).toBe('flops');
  link.searchParams.set('problems', '2');
  await page.goto(`${link.pathname}${link.search}`);
  await runEnds(page, 'done');
  await expect(page.getByTestId('tree-curves-done')).toBeVisible({ timeout: 150_000 });
  const tree = page.getByTestId('legend-tree:beam');
  const majority = page.getByTestId('legend-majority');
  await expect(tree).toContainText('arith-policy-small');
  await expect(majority).toContainText('Majority vote · arith-policy');
  // The same runs by the CLI, priced as ttc meet prices them.
  const out = cliSweep([
    ...['--strategy', 'beam', '--n', '1,2,4,8,16', '--levels', '1', '--problems', '2'],
    ...['--policy', 'arith-policy-small'],
  ]);
  const cli = (JSON.parse(readFileSync(out, 'utf8')) as SearchResults).curves['beam']!;
  const at16 = cli.find((p) => p.n === 16)!;
  const params = (id: string) => {
    const c = JSON.parse(readFileSync(`public/models/${id}/config.json`, 'utf8')) as Record<
      string,
      number
    >;
    const d = c['hidden_size']!;
    const layer = 4 * d * d + 3 * d * c['intermediate_size']! + 2 * d;
    return c['num_hidden_layers']! * layer + c['vocab_size']! * d + d;
  };
  const flops =
    2 *
    (params('arith-policy-small') * at16.generatedTokens +
      params('arith-verifier') * at16.verifierTokens);
  await expect(tree).toHaveAttribute('data-accuracy', String(at16.accuracy));
  expect(Number(await tree.getAttribute('data-x'))).toBeCloseTo(flops, 3);
  // The big policy's majority is priced by the big policy alone (voting reads no verifier): at
  // k = N every sample counts, so its x is 2 · parameters · the pool's generated tokens per problem.
  const pool = join(mkdtempSync(join(tmpdir(), 'ttc-pool-')), 'pool.json');
  execFileSync(
    'node',
    [
      ...['--import', 'tsx', 'cli/ttc.ts', 'sweep', '--levels', '1', '--problems', '2'],
      ...['--n', '16', '--out', pool],
    ],
    { stdio: 'pipe' },
  );
  const drawn = JSON.parse(readFileSync(pool, 'utf8')) as {
    problems: { samples: { tokens: number }[] }[];
  };
  const tokens = drawn.problems.flatMap((p) => p.samples).reduce((a, s) => a + s.tokens, 0) / 2;
  expect(Number(await majority.getAttribute('data-x'))).toBeCloseTo(
    2 * params('arith-policy') * tokens,
    3,
  );
  expect(errors).toEqual([]);
});

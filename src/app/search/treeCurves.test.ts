import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { SearchRun } from '../../runtime/searchSweep';
import { searchCurves } from '../../runtime/searchSweep';
import { treeSeries } from '../curves/chartData';
import { DEFAULT_EXPERIMENT } from '../experiment/table';
import { readSearchResults } from './readSearchResults';
import { treeBudgets, treeProblems } from './searchSettings';
import { completeCurves, createTreeCurvesSlice, treeCurvesKey } from './treeCurvesSlice';

const run = (
  problem: string,
  n: number,
  correct: boolean,
  strategy: SearchRun['strategy'] = 'beam',
): SearchRun =>
  ({
    problem,
    level: 2,
    strategy,
    n,
    seed: 1,
    answer: correct ? '1' : '2',
    correct,
    cost: {
      samples: n,
      generatedTokens: 10 * n,
      promptTokens: 5,
      verifierTokens: 30 * n,
      forwardPasses: 1,
      elapsedMs: 1,
    },
  }) as SearchRun;

describe('tree strategies on the chart', () => {
  it('runs on the pool’s first problems, at its budgets up to 64', () => {
    const e = { ...DEFAULT_EXPERIMENT, problems: 30, n: 256 };
    expect(treeProblems(e).map((p) => p.id)).toEqual(
      treeProblems({ ...e, problems: 20 }).map((p) => p.id),
    );
    expect(treeProblems(e)).toHaveLength(20);
    expect(treeBudgets(e)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(treeBudgets({ ...e, n: 4 })).toEqual([1, 2, 4]);
  });

  it('draws a budget only once every problem and run of it is in', () => {
    const runs = [run('a', 1, true), run('b', 1, false), run('a', 2, true)];
    const curves = completeCurves(runs, ['beam', 'dvts'], [1, 2], 2, 0);
    expect(curves['beam']!.map((p) => p.n)).toEqual([1]);
    expect(curves['beam']![0]!.accuracy).toBe(0.5);
    expect(curves['dvts']).toEqual([]);
  });

  it('puts tree runs on the same compute axis as the pool strategies', () => {
    const curves = searchCurves([run('a', 2, true), run('a', 4, false)], ['beam'], [2, 4], 0);
    const ctx = { policyParams: 1000, verifierParams: 2000, secondsPerToken: 0.001 };
    const x = (axis: Parameters<typeof treeSeries>[1]) =>
      treeSeries(curves, axis, ctx, '')[0]!.points.map((p) => p.x);
    expect(x('samples')).toEqual([2, 4]);
    expect(x('generated')).toEqual([20, 40]);
    expect(x('total')).toEqual([80, 160]);
    expect(x('flops')).toEqual([2 * (1000 * 20 + 2000 * 60), 2 * (1000 * 40 + 2000 * 120)]);
    const [s] = treeSeries(curves, 'samples', ctx, 'first 20 problems');
    expect(s!.id).toBe('tree:beam');
    expect(s!.label).toBe('Beam search (PRM) · first 20 problems');
    expect(s!.points.map((p) => p.accuracy)).toEqual([1, 0]);
  });

  it('re-runs when what the runs depend on changes, not when the view does', () => {
    const e = { ...DEFAULT_EXPERIMENT, treeCurves: ['beam' as const] };
    const k = treeCurvesKey(e, 'wasm');
    expect(treeCurvesKey({ ...e, budget: 64, axis: 'flops', strategies: [] }, 'wasm')).toBe(k);
    for (const patch of [
      { verifier: 'oracle' as const },
      { treeM: 2 },
      { treeSeeds: 2 },
      { seed: 1 },
      { treeCurves: ['dvts' as const] },
    ])
      expect(treeCurvesKey({ ...e, ...patch }, 'wasm'), JSON.stringify(patch)).not.toBe(k);
    expect(treeCurvesKey(e, 'webgpu')).not.toBe(k);
  });
});

describe('a `ttc sweep --strategy` results file', () => {
  const file = (runs: unknown[], extra: object = {}) =>
    JSON.stringify({
      format: 'ttc-search-results',
      version: 1,
      task: { id: 'arith', levels: [2], seed: 0 },
      runs,
      ...extra,
    });

  it('recomputes its curves from its runs', () => {
    const runs = [run('a', 1, true), run('b', 1, false), run('a', 2, true), run('b', 2, true)];
    const r = readSearchResults(
      file(runs, { curves: { beam: [{ n: 1, accuracy: 0.99 }] } }),
      'x.json',
    );
    expect(r.messages).toEqual([]);
    expect(r.curves).toEqual(searchCurves(runs, ['beam'], [1, 2], 0));
  });

  it('drops bad runs with a message and keeps the good ones', () => {
    const good = run('a', 1, true);
    const r = readSearchResults(
      file([
        good,
        { ...good, strategy: '__proto__' },
        { ...good, n: -1 },
        'x',
        { ...good, cost: null },
      ]),
      'x.json',
    );
    expect(r.runs).toHaveLength(1);
    expect(r.messages[0]).toMatch(
      /dropped 4 bad runs \(run 1: strategy must be one of "beam".*; run 2: n must be ≥ 1, got -1; run 3: the run must be object, got string/,
    );
  });

  it('names the policy its runs drew with, and a built-in one’s size prices the FLOPs axis', async () => {
    const runs = [run('a', 1, true), run('b', 1, false)];
    const models = [
      { role: 'policy', id: 'arith-policy-small', hash: 'p' },
      { role: 'verifier', id: 'arith-verifier', hash: 'v' },
    ];
    const r = readSearchResults(file(runs, { models }), 'x.json');
    expect(r.policy).toBe('arith-policy-small');
    for (const bad of [[{ role: 'policy', id: 7 }], 'x', [{ id: 'arith-policy' }]])
      expect(readSearchResults(file(runs, { models: bad }), 'x.json').policy).toBeUndefined();
    // The page reads the model's config.json from the app; here from public/ on disk.
    vi.stubGlobal('fetch', (url: string) =>
      Promise.resolve(new Response(readFileSync(`public${decodeURIComponent(url)}`))),
    );
    try {
      const store = create(createTreeCurvesSlice);
      await store.getState().showSearchResults(r.curves, r.runs, 'x.json', r.policy);
      expect(store.getState().treeCurves.policy).toEqual({
        id: 'arith-policy-small',
        parameters: 190_528,
      });
      // The pool's own policy (no other named): priced as the pool.
      await store.getState().showSearchResults(r.curves, r.runs, 'y.json');
      expect(store.getState().treeCurves.policy).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(() => readSearchResults('{"format":"ttc-search-results"', 'x.json')).toThrow(/not JSON/);
    expect(() => readSearchResults(file([], { version: 9 }), 'x.json')).toThrow(/version 9/);
    expect(() => readSearchResults(file([{}]), 'x.json')).toThrow(/no valid runs \(run 0/);
    expect(() => readSearchResults('[]', 'x.json')).toThrow(/not a search results file/);
  });
});

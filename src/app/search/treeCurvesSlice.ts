/**
 * Tree strategies on the accuracy-vs-compute chart. Unlike the pool strategies, every budget is a
 * real search run: live on the experiment's first problems (≤ MAX_TREE_PROBLEMS) and budgets ≤
 * MAX_TREE_N, averaged over `treeSeeds` runs, in a search worker of its own; or read from a
 * `ttc sweep --strategy` results file for larger sweeps. Budgets fill in from the smallest up, and a
 * point is drawn only once every problem and run of it is done.
 */
import type { StateCreator } from 'zustand';
import type { TreeStrategyId } from '../../core/search';
import type { Backend } from '../../runtime/browserModels';
import { searchCurves, type SearchCurvePoint, type SearchRun } from '../../runtime/searchSweep';
import { MAX_TREE_PROBLEMS, type Experiment } from '../experiment/settings';
import { settingsKey } from '../experiment/table';
import { TEST_BUILD } from '../../runtime/testBuild';
import { testHooks } from '../testHooks';
import { describeError } from '../workers/errors';
import { SearchClient } from '../workers/searchClient';
import { searchRecovery, searchRun, type RunSpec } from './searchRuns';
import { modelParameters } from '../pool/modelParameters';
import { searchPolicy, searchVerifier, treeBudgets, treeProblems } from './searchSettings';

export interface TreeCurvesState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** Live runs, or a results file (`name`). */
  source: { kind: 'live' } | { kind: 'file'; name: string };
  key: string | null;
  /** The policy the runs drew with when it is not the pool's (the tree-policy setting), and its size. */
  policy: { id: string; parameters: number } | null;
  problems: number;
  strategies: TreeStrategyId[];
  done: number;
  total: number;
  runs: SearchRun[];
  /** Per strategy: complete budgets only. */
  curves: Record<string, SearchCurvePoint[]>;
  error: string | null;
  /** The runs lost their GPU device and went on (where, and on what). */
  recovered: string | null;
}

export interface TreeCurvesSlice {
  treeCurves: TreeCurvesState;
  runTreeCurves(e: Experiment, backend: Backend): Promise<void>;
  cancelTreeCurves(): void;
  /** A results file's curves; `policy`: the policy its runs drew with, when not the pool's. */
  showSearchResults(
    curves: Record<string, SearchCurvePoint[]>,
    runs: SearchRun[],
    name: string,
    policy?: string,
  ): Promise<void>;
}

const IDLE: TreeCurvesState = {
  status: 'idle',
  source: { kind: 'live' },
  key: null,
  policy: null,
  problems: 0,
  strategies: [],
  done: 0,
  total: 0,
  runs: [],
  curves: {},
  error: null,
  recovered: null,
};

/**
 * Everything the live curves depend on: from the experiment table what draws samples and what a
 * search depends on; which strategies, runs, problems and budgets the chart asks for (the budgets go
 * up to the pool's N); the backend.
 */
export function treeCurvesKey(e: Experiment, backend: Backend): string {
  return JSON.stringify([
    settingsKey(e, 'samples'),
    settingsKey(e, 'search'),
    e.treeCurves,
    e.treeSeeds,
    Math.min(e.problems, MAX_TREE_PROBLEMS),
    e.n,
    backend,
  ]);
}

/** Curves over the (strategy, budget) groups whose runs are all in. */
export function completeCurves(
  runs: readonly SearchRun[],
  strategies: readonly TreeStrategyId[],
  budgets: readonly number[],
  perGroup: number,
  seed: number,
): Record<string, SearchCurvePoint[]> {
  const count = new Map<string, number>();
  for (const r of runs)
    count.set(`${r.strategy}@${r.n}`, (count.get(`${r.strategy}@${r.n}`) ?? 0) + 1);
  const out: Record<string, SearchCurvePoint[]> = {};
  for (const s of strategies) {
    const done = budgets.filter((n) => count.get(`${s}@${n}`) === perGroup);
    out[s] = searchCurves(runs, [s], done, seed)[s]!;
  }
  return out;
}

let client: SearchClient | null = null;
let generation = 0;

export const createTreeCurvesSlice: StateCreator<TreeCurvesSlice> = (set, get) => ({
  treeCurves: IDLE,
  runTreeCurves: async (e, backend) => {
    const key = treeCurvesKey(e, backend);
    const current = get().treeCurves;
    const settled = current.status === 'running' || current.status === 'done';
    if (current.source.kind === 'live' && current.key === key && settled) return;
    const gen = ++generation;
    if (current.status === 'running') client?.cancel();
    if (e.treeCurves.length === 0) {
      // Nothing asked for: keep a file's curves on show, drop live ones.
      if (current.source.kind === 'live') set({ treeCurves: IDLE });
      return;
    }
    const verifier = searchVerifier(e);
    if (typeof verifier === 'string') {
      set({ treeCurves: { ...IDLE, key, status: 'error', error: verifier } });
      return;
    }
    const problems = treeProblems(e);
    const budgets = treeBudgets(e);
    const strategies = e.treeCurves;
    const specs: RunSpec[] = [];
    for (const n of budgets)
      for (const strategy of strategies)
        for (const problem of problems)
          for (let run = 0; run < e.treeSeeds; run++)
            specs.push({ e, problem, strategy, n, run, verifier, backend });
    const drawnBy = searchPolicy(e).policy;
    const policy =
      drawnBy === e.policy
        ? null
        : { id: drawnBy, parameters: (await modelParameters([drawnBy]))[drawnBy] ?? 0 };
    if (gen !== generation) return;
    const base = {
      ...IDLE,
      key,
      policy,
      problems: problems.length,
      strategies,
      total: specs.length,
    };
    set({ treeCurves: { ...base, status: 'running' } });
    const runs: SearchRun[] = [];
    const perGroup = problems.length * e.treeSeeds;
    try {
      const c = (client ??= new SearchClient());
      // A GPU device lost mid-search: a fresh worker searches that run again on a new device, or
      // on WASM; the runs searched there say so (their cache keys name that backend too).
      const gpu = searchRecovery(
        c,
        specs[0]!,
        (note) =>
          gen === generation && set({ treeCurves: { ...get().treeCurves, recovered: note } }),
      );
      for (const spec of specs) {
        if (get().treeCurves.status === 'cancelled') break; // partial curves stay
        const { result: r } = await gpu.run(
          (on) => searchRun(c, { ...spec, backend: on }),
          `during search run ${runs.length + 1}`,
        );
        const on = gpu.backend();
        if (gen !== generation) return;
        if (get().treeCurves.status === 'cancelled') break;
        runs.push({
          problem: spec.problem.id,
          level: spec.problem.level,
          strategy: spec.strategy,
          n: spec.n,
          seed: r.trace.seed,
          answer: r.answer,
          correct: r.correct,
          cost: r.cost,
          ...(on === backend ? {} : { backend: on }),
        });
        set({
          treeCurves: {
            ...base,
            recovered: get().treeCurves.recovered,
            status: runs.length === specs.length ? 'done' : 'running',
            done: runs.length,
            runs: [...runs],
            curves: completeCurves(runs, strategies, budgets, perGroup, e.seed),
          },
        });
        if (TEST_BUILD && testHooks()?.cancelTreeCurvesAfterRuns === runs.length) {
          delete testHooks()!.cancelTreeCurvesAfterRuns;
          get().cancelTreeCurves();
        }
      }
    } catch (err) {
      if (gen !== generation) return;
      const cancelled = get().treeCurves.status === 'cancelled';
      set({
        treeCurves: {
          ...get().treeCurves,
          status: cancelled ? 'cancelled' : 'error',
          error: cancelled ? null : describeError(err).message,
        },
      });
    }
  },
  cancelTreeCurves: () => {
    if (get().treeCurves.status !== 'running') return;
    set({ treeCurves: { ...get().treeCurves, status: 'cancelled' } });
    client?.cancel();
  },
  showSearchResults: async (curves, runs, name, drawnBy) => {
    generation++;
    if (get().treeCurves.status === 'running') client?.cancel();
    const strategies = Object.keys(curves) as TreeStrategyId[];
    set({
      treeCurves: {
        ...IDLE,
        status: 'done',
        source: { kind: 'file', name },
        problems: new Set(runs.map((r) => r.problem)).size,
        strategies,
        done: runs.length,
        total: runs.length,
        runs,
        curves,
      },
    });
    // Searched with another built-in policy (e.g. `ttc sweep --policy arith-policy-small`): its
    // size prices the FLOPs axis once read. Another model's size is not known here; the caller
    // says so. Shown at once either way; the size applies only while this file is on show.
    if (!drawnBy) return;
    const size = (await modelParameters([drawnBy]))[drawnBy];
    const now = get().treeCurves;
    if (size && now.source.kind === 'file' && now.runs === runs)
      set({ treeCurves: { ...now, policy: { id: drawnBy, parameters: size } } });
  },
});

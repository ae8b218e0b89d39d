/**
 * Tree strategies over a problem set: every (problem, strategy, budget, seed) is a real search run,
 * graded by the exact checker. `ttc sweep --strategy …`'s engine; the app's search worker runs the same
 * per-problem step (`runSearch`).
 */
import { bootstrapFor } from '../core/metrics/curves';
import {
  TREE_STRATEGIES,
  type SearchContext,
  type SearchResult,
  type StepPolicy,
  type StepScorer,
  type TreeSettings,
  type TreeStrategyId,
} from '../core/search';
import { runSeed } from '../core/search/seed';
import type { SearchTrace } from '../core/search/trace';
import { makeProblemSet } from '../core/tasks/problemSet';
import type { Task } from '../core/tasks/task';
import type { Cost, ModelRef, Problem } from '../core/types';
import { ENGINE_VERSION } from '../core/version';

export const SEARCH_RESULTS_VERSION = 1;

export interface SearchRun {
  problem: string;
  level: number;
  strategy: TreeStrategyId;
  n: number;
  seed: number;
  answer: string | null;
  correct: boolean;
  cost: Cost;
  trace?: SearchTrace;
  /** Where the run was searched, when not on the others' backend: the page lost its GPU device and
   * went on on WASM. Absent: the backend of the curves (the CLI's: Node's CPU). */
  backend?: 'wasm' | 'webgpu';
}

export interface SearchCurvePoint {
  n: number;
  accuracy: number;
  lo: number;
  hi: number;
  /** Means per problem (over seeds). */
  generatedTokens: number;
  promptTokens: number;
  verifierTokens: number;
}

/** What `ttc sweep --strategy` writes (docs/formats.md). */
export interface SearchResults {
  format: 'ttc-search-results';
  version: number;
  engineVersion: string;
  task: { id: string; levels: number[]; seed: number };
  models: ModelRef[];
  verifier: string;
  settings: TreeSettings;
  budgets: number[];
  seeds: number;
  runs: SearchRun[];
  curves: Record<string, SearchCurvePoint[]>;
}

/** One search run, graded by the task's exact checker. */
export function runSearch(
  strategy: TreeStrategyId,
  n: number,
  settings: TreeSettings,
  ctx: { task: Task; problem: Problem; policy: StepPolicy; scorer: StepScorer; seed: number },
  hooks: Pick<SearchContext, 'onEvent' | 'signal'> = {},
): Promise<SearchResult> {
  const { task, problem } = ctx;
  return TREE_STRATEGIES[strategy].run(
    {
      problem,
      policy: ctx.policy,
      scorer: ctx.scorer,
      grade: (steps) => {
        const g = task.grade(problem, steps.join(task.stepDelimiter));
        return { answer: g.answer, correct: g.correct };
      },
      seed: ctx.seed,
      ...hooks,
    },
    n,
    settings,
  );
}

export interface SearchSweepOptions {
  task: Task;
  seed: number;
  levels: number[];
  problems: number;
  strategies: TreeStrategyId[];
  budgets: number[];
  seeds: number;
  settings: TreeSettings;
  traces: boolean;
  models: ModelRef[];
  onRun?: (done: number, total: number) => void;
}

export async function searchSweep(
  policy: StepPolicy,
  scorer: StepScorer,
  o: SearchSweepOptions,
): Promise<SearchResults> {
  const problems = makeProblemSet(o.task, o.seed, o.levels, o.problems);
  const runs: SearchRun[] = [];
  const total = problems.length * o.strategies.length * o.budgets.length * o.seeds;
  for (const problem of problems) {
    for (const strategy of o.strategies) {
      for (const n of o.budgets) {
        for (let s = 0; s < o.seeds; s++) {
          const seed = runSeed(o.seed, problem, s);
          const r = await runSearch(strategy, n, o.settings, {
            task: o.task,
            problem,
            policy,
            scorer,
            seed,
          });
          runs.push({
            problem: problem.id,
            level: problem.level,
            strategy,
            n,
            seed,
            answer: r.answer,
            correct: r.correct,
            cost: r.cost,
            ...(o.traces ? { trace: r.trace } : {}),
          });
          o.onRun?.(runs.length, total);
        }
      }
    }
  }
  return {
    format: 'ttc-search-results',
    version: SEARCH_RESULTS_VERSION,
    engineVersion: ENGINE_VERSION,
    task: { id: o.task.id, levels: o.levels, seed: o.seed },
    models: o.models,
    verifier: scorer.id,
    settings: o.settings,
    budgets: o.budgets,
    seeds: o.seeds,
    runs,
    curves: searchCurves(runs, o.strategies, o.budgets, o.seed),
  };
}

/** Accuracy per strategy and budget: mean over problems of the mean over seeds, 95% bootstrap interval. */
export function searchCurves(
  runs: readonly SearchRun[],
  strategies: readonly TreeStrategyId[],
  budgets: readonly number[],
  seed: number,
): Record<string, SearchCurvePoint[]> {
  const out: Record<string, SearchCurvePoint[]> = {};
  for (const strategy of strategies) {
    out[strategy] = budgets.map((n) => {
      const byProblem = new Map<string, SearchRun[]>();
      for (const r of runs) {
        if (r.strategy !== strategy || r.n !== n) continue;
        byProblem.set(r.problem, [...(byProblem.get(r.problem) ?? []), r]);
      }
      const groups = [...byProblem.values()];
      const mean = (f: (r: SearchRun) => number) =>
        groups.map((g) => g.reduce((s, r) => s + f(r), 0) / g.length);
      const acc = mean((r) => (r.correct ? 1 : 0));
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      const {
        mean: accuracy,
        lo,
        hi,
      } = bootstrapFor(acc.length, 1000, seed, `${strategy}@${n}`).interval(acc);
      return {
        n,
        accuracy,
        lo,
        hi,
        generatedTokens: avg(mean((r) => r.cost.generatedTokens)),
        promptTokens: avg(mean((r) => r.cost.promptTokens)),
        verifierTokens: avg(mean((r) => r.cost.verifierTokens)),
      };
    });
  }
  return out;
}

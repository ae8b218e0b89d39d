/**
 * Compute-optimal scaling over a scored pool (`computeOptimal.ts` on the report's matrix): every
 * pool strategy at every budget k competes (the exact oracle does not: it reads the ground truth),
 * under oracle and predicted difficulty bins; tree-search runs join as settings of their own
 * (`extra`).
 */
import type { PoolStrategy } from '../strategies/types';
import {
  computeOptimal,
  type ComputeOptimalResult,
  type ComputeSetting,
  type ComputeUnit,
} from './computeOptimal';
import type { CurveCost, ProblemMatrix } from './curves';
import { binsByPass1Quintile, binsByScore, type DifficultyBin } from './difficulty';
import type { ScoreReport } from './score';
import type { PreparedProblem } from './prepare';

export interface ComputeOptimalOptions {
  unit: ComputeUnit;
  /** Seed of the two-fold split. */
  seed: number;
  /** Best-of-N's strategy id (default: best-of-N by outcome of the pool's first verifier that has one). */
  baseline?: string;
  /** Only these pool strategies compete (default all). */
  among?: readonly string[];
  /** Bootstrap resamples for the curve's 95% intervals (default 0: none). */
  bootstrap?: number;
  /** Tree-search runs over the same problems (`ttc sweep --strategy`): they compete too. */
  treeRuns?: readonly TreeRun[];
}

export interface ComputeOptimalReport {
  unit: ComputeUnit;
  seed: number;
  baseline: string;
  /** The verifier whose mean score predicts difficulty (null: the pool has none). */
  verifier: string | null;
  budgets: number[];
  oracle: ComputeOptimalResult;
  predicted: ComputeOptimalResult | null;
}

const mean = (xs: ArrayLike<number>) => {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++)
    if (!Number.isNaN(xs[i]!)) {
      s += xs[i]!;
      n++;
    }
  return n === 0 ? NaN : s / n;
};

/** The settings of a scored pool: strategy × k, with their mean cost in `unit`. */
export function poolSettings(
  strategies: readonly Pick<PoolStrategy, 'id'>[],
  ks: readonly number[],
  matrix: ProblemMatrix,
  unit: ComputeUnit,
  keep: (id: string) => boolean = () => true,
): ComputeSetting[] {
  return strategies.flatMap((s, si) =>
    s.id === 'oracle' || !keep(s.id)
      ? []
      : ks.map((k, j) => {
          const cost =
            unit === 'samples'
              ? mean(matrix.samples[si]![j]!)
              : unit === 'generatedTokens'
                ? mean(matrix.generatedTokens[si]![j]!)
                : mean(matrix.generatedTokens[si]![j]!) + mean(matrix.verifierTokens[si]![j]!);
          return {
            id: `${s.id} k=${k}`,
            strategy: s.id,
            k,
            accuracy: matrix.accuracy[si]![j]!,
            cost,
          };
        }),
  );
}

/** A tree-search run as `ttc sweep --strategy` writes it (what a setting reads of it). */
export interface TreeRun {
  problem: string;
  strategy: string;
  n: number;
  correct: boolean;
  cost: { generatedTokens: number; verifierTokens: number };
}

/**
 * Tree-search runs as settings (strategy × budget N): accuracy per pool problem averaged over the
 * run seeds, cost N samples (the generation budget N counts, as Snell et al. compare beam search with
 * best-of-N) or the mean tokens. Every pool problem must have runs: a setting is compared on all.
 */
export function treeSettings(
  runs: readonly TreeRun[],
  problemIds: readonly string[],
  unit: ComputeUnit,
): ComputeSetting[] {
  const index = new Map(problemIds.map((id, i) => [id, i]));
  const groups = new Map<string, TreeRun[]>();
  for (const r of runs) {
    const key = `${r.strategy} N=${r.n}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([id, rs]) => {
    const hits = new Float64Array(problemIds.length);
    const seen = new Float64Array(problemIds.length);
    let tokens = 0;
    for (const r of rs) {
      const i = index.get(r.problem);
      if (i === undefined)
        throw new Error(`compute-optimal: ${id} ran on ${r.problem}, which is not in the pool`);
      hits[i]! += r.correct ? 1 : 0;
      seen[i]! += 1;
      tokens += r.cost.generatedTokens + (unit === 'totalTokens' ? r.cost.verifierTokens : 0);
    }
    const missing = seen.findIndex((x) => x === 0);
    if (missing >= 0)
      throw new Error(
        `compute-optimal: ${id} has no run on ${problemIds[missing]} (search every problem of the pool)`,
      );
    return {
      id,
      strategy: rs[0]!.strategy,
      k: rs[0]!.n,
      accuracy: hits.map((h, i) => h / seen[i]!),
      cost: unit === 'samples' ? rs[0]!.n : tokens / rs.length,
    };
  });
}

/**
 * Best-of-N with the pool's first verifier model (not the policy's own confidence): by outcome where
 * it gives one, else its first aggregation; majority vote when the pool has no verifier.
 */
export function defaultBaseline(
  strategies: readonly Pick<PoolStrategy, 'id' | 'verifier'>[],
  confidence: ReadonlySet<string> = new Set(),
): string {
  const bon = strategies.filter(
    (s) => s.id.startsWith('bon-') && s.verifier !== undefined && !confidence.has(s.verifier),
  );
  return (bon.find((s) => s.id.startsWith('bon-outcome@')) ?? bon[0])?.id ?? 'majority';
}

export function computeOptimalReport(
  problems: readonly PreparedProblem[],
  strategies: readonly Pick<PoolStrategy, 'id' | 'verifier'>[],
  ks: readonly number[],
  matrix: ProblemMatrix,
  o: ComputeOptimalOptions,
  extra: readonly ComputeSetting[] = [],
  /** Verifier ids that are the policy's own confidence (never the default baseline's). */
  confidence: ReadonlySet<string> = new Set(),
): ComputeOptimalReport {
  const among = o.among ? new Set(o.among) : null;
  for (const id of o.among ?? [])
    if (!strategies.some((s) => s.id === id))
      throw new Error(`compute-optimal: no strategy ${id} in this pool`);
  const baseline = o.baseline ?? defaultBaseline(strategies, confidence);
  const verifier = strategies.find((s) => s.id === baseline)?.verifier ?? null;
  return computeOptimalOver(
    [...poolSettings(strategies, ks, matrix, o.unit, (id) => !among || among.has(id)), ...extra],
    problems,
    verifier === null
      ? null
      : problems.map((p) => mean(p.scores[verifier]?.solution ?? new Float64Array(0))),
    { ...o, baseline },
    ks,
    verifier,
  );
}

/**
 * The same from a score report (what the page holds): each strategy's per-problem accuracy at each
 * k from `problems[].predictions`, its mean cost from the overall curve. `predicted`: the verifier's
 * mean score per problem (from the pool), or null.
 */
export function computeOptimalFromReport(
  report: Pick<ScoreReport, 'strategies' | 'ks' | 'problems' | 'overall'>,
  o: ComputeOptimalOptions & { baseline: string },
  predicted: { verifier: string; scores: readonly number[] } | null,
): ComputeOptimalReport {
  const settings = report.strategies.flatMap((s) =>
    s.id === 'oracle' || !report.overall.curves[s.id]
      ? []
      : report.ks.map((k, j) => {
          const c = report.overall.curves[s.id]![j]!.cost;
          return {
            id: `${s.id} k=${k}`,
            strategy: s.id,
            k,
            accuracy: report.problems.map((p) => p.predictions[s.id]!.accuracy[j]!),
            cost: unitCost(c, o.unit),
          };
        }),
  );
  const problems = report.problems.map((p) => ({ id: p.id, c: p.correct, n: p.n }));
  return computeOptimalOver(
    settings,
    problems,
    predicted?.scores ?? null,
    o,
    report.ks,
    predicted?.verifier ?? null,
  );
}

const unitCost = (c: CurveCost, unit: ComputeUnit) =>
  unit === 'samples'
    ? c.samples
    : unit === 'generatedTokens'
      ? c.generatedTokens
      : c.generatedTokens + c.verifierTokens;

function computeOptimalOver(
  settings: readonly ComputeSetting[],
  problems: readonly { id: string; c: number; n: number }[],
  predicted: readonly number[] | null,
  o: ComputeOptimalOptions & { baseline: string },
  ks: readonly number[],
  verifier: string | null,
): ComputeOptimalReport {
  const { baseline } = o;
  if (!settings.some((s) => s.strategy === baseline))
    throw new Error(
      `compute-optimal: the baseline ${baseline} is not among the strategies compared`,
    );
  // The generation budget is k itself; in tokens, the baseline's mean cost at each k.
  const budgets =
    o.unit === 'samples'
      ? [...ks]
      : settings.filter((s) => s.strategy === baseline).map((s) => s.cost);
  const run = (bins: DifficultyBin[]) =>
    computeOptimal({
      settings,
      bins,
      budgets,
      baseline,
      seed: o.seed,
      ...(o.bootstrap ? { bootstrap: o.bootstrap } : {}),
    });
  return {
    unit: o.unit,
    seed: o.seed,
    baseline,
    verifier,
    budgets,
    oracle: run(binsByPass1Quintile(problems.map((p) => ({ ...p, level: 0 })))),
    predicted:
      predicted === null
        ? null
        : run(binsByScore(problems.map((p, i) => ({ id: p.id, score: predicted[i]! })))),
  };
}

/**
 * Compute-optimal scaling (Snell et al. 2024, *Scaling LLM Test-Time Compute Optimally*, §3–5): bin
 * the problems by difficulty, and at every budget B choose per bin, among the settings (a strategy at
 * a budget k) that cost at most B, the one that does best — chosen on one half of the problems and
 * measured on the other (two-fold, averaged), so the curve is not fitted to the problems it reports.
 * Difficulty is the oracle's (pass@1 quintile of the pool) or predicted (quintile of the verifier's
 * mean score over the problem's samples: no ground truth), as in the paper.
 *
 * "Compute saved" is the paper's headline: for each B, the smallest budget at which the
 * compute-optimal curve reaches best-of-N's accuracy at B, interpolated linearly in log₂ budget.
 */
import { Rng } from '../rng';
import { ProblemBootstrap } from './bootstrap';
import type { DifficultyBin } from './difficulty';

/** What a budget counts: samples (the paper's generation budget), or tokens. */
export type ComputeUnit = 'samples' | 'generatedTokens' | 'totalTokens';

export const COMPUTE_UNITS: readonly ComputeUnit[] = ['samples', 'generatedTokens', 'totalTokens'];

/** One competitor: a strategy at a budget, with its accuracy per problem and its mean cost. */
export interface ComputeSetting {
  /** `strategy@k`. */
  id: string;
  strategy: string;
  k: number;
  /** Expected accuracy per problem (indexed like the bins' members). */
  accuracy: ArrayLike<number>;
  /** Mean cost per problem in the unit the budget counts. */
  cost: number;
}

export interface ComputeOptimalInput {
  settings: readonly ComputeSetting[];
  bins: readonly DifficultyBin[];
  budgets: readonly number[];
  /** The strategy whose curve "compute saved" is measured against (best-of-N). */
  baseline: string;
  /** Seed of the two-fold split (per bin, so each fold has every difficulty). */
  seed: number;
  /** Bootstrap resamples over problems for each point's 95% interval (0: none). */
  bootstrap?: number;
}

export interface ComputeOptimalPoint {
  budget: number;
  /** Two-fold test accuracy of the per-bin choice; null where no setting fits the budget. */
  accuracy: number | null;
  /** The baseline at its largest setting within the budget, on the same test halves. */
  baseline: number | null;
  /**
   * 95% bootstrap interval over problems of each problem's held-out accuracy (every problem is in
   * one test half); it does not count the variance of the choice itself.
   */
  lo?: number;
  hi?: number;
}

export interface ComputeOptimalChoice {
  bin: string;
  budget: number;
  /** The setting chosen on each fold's training half (null: none fits). */
  chosen: [string | null, string | null];
}

export interface ComputeSaved {
  budget: number;
  baselineAccuracy: number;
  /** Smallest budget at which the compute-optimal curve reaches it (log₂-interpolated); null: never. */
  reachedAt: number | null;
  /** budget / reachedAt (the paper's "4×"); null: never reached. */
  factor: number | null;
}

export interface ComputeOptimalResult {
  points: ComputeOptimalPoint[];
  choices: ComputeOptimalChoice[];
  saved: ComputeSaved[];
}

/** Each bin's members shuffled by the seed and halved: [first half, second half]. */
export function twoFold(bins: readonly DifficultyBin[], seed: number): [number[], number[]][] {
  return bins.map((b) => {
    const xs = [...b.members];
    const rng = Rng.fromSeed(seed, 'compute-optimal', b.bin);
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    const half = Math.ceil(xs.length / 2);
    return [xs.slice(0, half), xs.slice(half)];
  });
}

const sum = (acc: ArrayLike<number>, members: readonly number[]) => {
  let s = 0;
  for (const i of members) s += acc[i]!;
  return s;
};

/** Budgets are compared with a relative tolerance: a mean cost of 16.000000001 fits 16. */
const fits = (cost: number, budget: number) => cost <= budget * (1 + 1e-9);

export function computeOptimal(input: ComputeOptimalInput): ComputeOptimalResult {
  const folds = twoFold(input.bins, input.seed);
  const baseline = input.settings.filter((s) => s.strategy === input.baseline);
  const points: ComputeOptimalPoint[] = [];
  const choices: ComputeOptimalChoice[] = [];
  for (const budget of input.budgets) {
    const eligible = input.settings.filter((s) => fits(s.cost, budget));
    // The baseline's biggest setting that fits (its accuracy rises with k; cost too).
    const base = baseline.filter((s) => fits(s.cost, budget)).sort((a, b) => b.cost - a.cost)[0];
    const held = new Float64Array(input.settings[0]?.accuracy.length ?? 0);
    const foldAcc: number[] = [];
    const foldBase: number[] = [];
    const chosen = input.bins.map(() => [null, null] as [string | null, string | null]);
    for (const f of [0, 1] as const) {
      let correct = 0;
      let baseCorrect = 0;
      let tested = 0;
      input.bins.forEach((_, b) => {
        const train = folds[b]![f];
        const test = folds[b]![1 - f]!;
        if (test.length === 0) return;
        tested += test.length;
        if (base) baseCorrect += sum(base.accuracy, test);
        // Best on the training half; ties to the cheaper setting, then the earlier one. A bin too
        // small to have a training half (one problem) takes the choice of the fold's whole half.
        const on = train.length > 0 ? train : folds.flatMap((x) => x[f]);
        let best: ComputeSetting | null = null;
        let bestAcc = -Infinity;
        for (const s of eligible) {
          const a = on.length === 0 ? 0 : sum(s.accuracy, on) / on.length;
          if (
            a > bestAcc + 1e-12 ||
            (Math.abs(a - bestAcc) <= 1e-12 && best && s.cost < best.cost)
          ) {
            best = s;
            bestAcc = a;
          }
        }
        chosen[b]![f] = best?.id ?? null;
        if (best) correct += sum(best.accuracy, test);
        if (best) for (const i of test) held[i] = best.accuracy[i]!;
      });
      if (tested > 0) {
        foldAcc.push(correct / tested);
        foldBase.push(baseCorrect / tested);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const accuracy = eligible.length === 0 || foldAcc.length === 0 ? null : mean(foldAcc);
    const point: ComputeOptimalPoint = {
      budget,
      accuracy,
      baseline: !base || foldBase.length === 0 ? null : mean(foldBase),
    };
    if (accuracy !== null && input.bootstrap) {
      const members = input.bins.flatMap((b) => b.members);
      const values = members.map((i) => held[i]!);
      const boot = new ProblemBootstrap(
        values.length,
        input.bootstrap,
        Rng.fromSeed(input.seed, 'compute-optimal-bootstrap', String(budget)),
      );
      const { lo, hi } = boot.interval(values);
      Object.assign(point, { lo, hi });
    }
    points.push(point);
    input.bins.forEach((bin, b) => choices.push({ bin: bin.bin, budget, chosen: chosen[b]! }));
  }
  return { points, choices, saved: computeSaved(points) };
}

/** For each budget, where the compute-optimal curve first reaches the baseline's accuracy there. */
export function computeSaved(points: readonly ComputeOptimalPoint[]): ComputeSaved[] {
  const curve = points.filter((p) => p.accuracy !== null) as { budget: number; accuracy: number }[];
  return points.flatMap((p) => {
    if (p.baseline === null) return [];
    const target = p.baseline;
    const j = curve.findIndex((c) => c.accuracy >= target - 1e-12);
    let reachedAt: number | null = null;
    if (j === 0) reachedAt = curve[0]!.budget;
    else if (j > 0) {
      const [a, b] = [curve[j - 1]!, curve[j]!];
      const t = (target - a.accuracy) / (b.accuracy - a.accuracy);
      reachedAt = 2 ** (Math.log2(a.budget) + t * (Math.log2(b.budget) - Math.log2(a.budget)));
    }
    return [
      {
        budget: p.budget,
        baselineAccuracy: target,
        reachedAt,
        factor: reachedAt === null ? null : p.budget / reachedAt,
      },
    ];
  });
}

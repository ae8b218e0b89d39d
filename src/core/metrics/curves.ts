import { Rng } from '../rng';
import type { ArgmaxStrategy, PoolStrategy, TieRule, VoteStrategy } from '../strategies/types';
import { argmaxCurve } from './argmaxEstimate';
import { ProblemBootstrap } from './bootstrap';
import type { Estimator } from './estimate';
import type { PreparedProblem } from './prepare';
import { voteCurves } from './voteEstimate';

export interface CurveOptions {
  estimator: Estimator;
  /** Budgets, ascending, each in [1, smallest pool size]. */
  ks: number[];
  draws: number;
  seed: number;
  tieRule: TieRule;
}

export interface CurveCost {
  samples: number;
  generatedTokens: number;
  verifierTokens: number;
  /** Policy decode steps and KV positions read (memory traffic; absent in files from before). */
  decodeSteps?: number;
  kvReads?: number;
  /** For the early-stopping vote: samples not drawn, k − samples. */
  samplesSaved?: number;
}

export interface CurvePoint {
  k: number;
  accuracy: number;
  /** 95% bootstrap interval over problems. */
  lo: number;
  hi: number;
  /** Mean per problem. */
  cost: CurveCost;
}

/** Per-problem estimates, indexed [strategy][k index][problem]. */
export interface ProblemMatrix {
  accuracy: Float64Array[][];
  samples: Float64Array[][];
  generatedTokens: Float64Array[][];
  verifierTokens: Float64Array[][];
  decodeSteps: Float64Array[][];
  kvReads: Float64Array[][];
}

/** Every strategy's per-problem accuracy and cost at every budget. */
export function problemMatrix(
  problems: readonly PreparedProblem[],
  strategies: readonly PoolStrategy[],
  opts: CurveOptions,
): ProblemMatrix {
  const P = problems.length;
  const make = () => strategies.map(() => opts.ks.map(() => new Float64Array(P)));
  const m: ProblemMatrix = {
    accuracy: make(),
    samples: make(),
    generatedTokens: make(),
    verifierTokens: make(),
    decodeSteps: make(),
    kvReads: make(),
  };
  const votes = strategies.filter((s): s is VoteStrategy => s.kind === 'vote');
  problems.forEach((p, i) => {
    const voteResults =
      votes.length > 0 ? voteCurves(p, votes, opts.ks, { ...opts, tie: opts.tieRule }) : [];
    strategies.forEach((s, si) => {
      const points =
        s.kind === 'argmax'
          ? argmaxCurve(p, s, opts.ks, opts.estimator, opts.tieRule)
          : voteResults[votes.indexOf(s)]!;
      points.forEach((pt, j) => {
        m.accuracy[si]![j]![i] = pt.accuracy;
        m.samples[si]![j]![i] = pt.samples;
        m.generatedTokens[si]![j]![i] = pt.generatedTokens;
        m.verifierTokens[si]![j]![i] = pt.verifierTokens;
        m.decodeSteps[si]![j]![i] = pt.decodeSteps;
        m.kvReads[si]![j]![i] = pt.kvReads;
      });
    });
  });
  return m;
}

/**
 * Per-problem process-correct accuracy of the strategies that pick a sample (argmax rules: the
 * oracle, best-of-N, confidence, first finish): the same estimate with "correct" read as "answer
 * and every step right". A vote picks an answer, not a sample, so it has no process accuracy. Null
 * when some problem's steps were not checked.
 */
export function processMatrix(
  problems: readonly PreparedProblem[],
  strategies: readonly PoolStrategy[],
  opts: CurveOptions,
): { strategies: ArgmaxStrategy[]; accuracy: Float64Array[][] } | null {
  if (problems.some((p) => p.processCorrect === null)) return null;
  const picks = strategies.filter((s): s is ArgmaxStrategy => s.kind === 'argmax');
  const accuracy = picks.map(() => opts.ks.map(() => new Float64Array(problems.length)));
  problems.forEach((p, i) => {
    const pc = p.processCorrect!;
    const asProcess: PreparedProblem = { ...p, correct: pc, c: pc.reduce((a, x) => a + x, 0) };
    picks.forEach((s, si) => {
      argmaxCurve(asProcess, s, opts.ks, opts.estimator, opts.tieRule).forEach((pt, j) => {
        accuracy[si]![j]![i] = pt.accuracy;
      });
    });
  });
  return { strategies: picks, accuracy };
}

/** What aggregating a strategy's rows needs to know about it (a worker gets just this). */
export interface CurveStrategy {
  id: string;
  kind: PoolStrategy['kind'];
  earlyStop?: boolean;
}

/** Curves over a subset of problems (`members` indexes the matrix), with bootstrap intervals. */
export function aggregateCurves(
  matrix: ProblemMatrix,
  strategies: readonly CurveStrategy[],
  ks: readonly number[],
  members: readonly number[],
  bootstrap: ProblemBootstrap,
): Record<string, CurvePoint[]> {
  // A plain loop: Float64Array.from with a map function is several times slower in V8, and this
  // runs once per strategy, budget and bin.
  const picked = new Float64Array(members.length);
  const pick = (col: Float64Array) => {
    for (let m = 0; m < members.length; m++) picked[m] = col[members[m]!]!;
    return picked;
  };
  const avg = (col: Float64Array) => {
    let s = 0;
    for (const i of members) s += col[i]!;
    return members.length === 0 ? NaN : s / members.length;
  };
  const out: Record<string, CurvePoint[]> = {};
  strategies.forEach((s, si) => {
    out[s.id] = ks.map((k, j) => {
      const { mean, lo, hi } = bootstrap.interval(pick(matrix.accuracy[si]![j]!));
      const samples = avg(matrix.samples[si]![j]!);
      const cost: CurveCost = {
        samples,
        generatedTokens: avg(matrix.generatedTokens[si]![j]!),
        verifierTokens: avg(matrix.verifierTokens[si]![j]!),
        decodeSteps: avg(matrix.decodeSteps[si]![j]!),
        kvReads: avg(matrix.kvReads[si]![j]!),
      };
      if (s.earlyStop) cost.samplesSaved = k - samples;
      return { k, accuracy: mean, lo, hi, cost };
    });
  });
  return out;
}

export function bootstrapFor(
  size: number,
  resamples: number,
  seed: number,
  name: string,
): ProblemBootstrap {
  return new ProblemBootstrap(size, resamples, Rng.fromSeed(seed, 'bootstrap', name));
}

/** Powers of two from 1 up to n. */
export function powersOfTwo(n: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k <= n; k *= 2) ks.push(k);
  return ks;
}

/** Accuracy and cost of one strategy on one problem at one budget k (expected values over subsets). */
export interface PointEstimate {
  accuracy: number;
  /** Samples drawn (less than k only for the early-stopping vote). */
  samples: number;
  generatedTokens: number;
  verifierTokens: number;
  /** Policy decode steps and KV positions read (memory traffic, `memoryTraffic.ts`). */
  decodeSteps: number;
  kvReads: number;
}

/**
 * `prefix`: the first k samples, as search-and-learn computes its curves (one deterministic subset).
 * `subsample`: the expected value over all size-k subsets: exact where the rule has a closed form or
 * the subsets are few enough to enumerate, else a seeded Monte Carlo average.
 */
export type Estimator = 'prefix' | 'subsample';
export const ESTIMATORS: readonly Estimator[] = ['prefix', 'subsample'];

export function emptyEstimates(m: number): PointEstimate[] {
  return Array.from({ length: m }, () => ({
    accuracy: 0,
    samples: 0,
    generatedTokens: 0,
    verifierTokens: 0,
    decodeSteps: 0,
    kvReads: 0,
  }));
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length === 0 ? NaN : s / xs.length;
}

export function prefixSum(xs: ArrayLike<number>, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += xs[i]!;
  return s;
}

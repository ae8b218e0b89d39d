import type { Rng } from '../rng';

export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

/**
 * Percentile bootstrap over problems. One matrix of resampling multiplicities (B × P) is drawn per
 * problem set and reused for every strategy and budget, so their intervals are comparable.
 */
export class ProblemBootstrap {
  private readonly counts: Uint16Array;

  constructor(
    readonly problems: number,
    readonly resamples: number,
    rng: Rng,
  ) {
    this.counts = new Uint16Array(resamples * problems);
    for (let b = 0; b < resamples; b++) {
      for (let i = 0; i < problems; i++) this.counts[b * problems + rng.int(problems)]!++;
    }
  }

  /** Mean of `values` (one per problem) and its 95% percentile interval. */
  interval(values: ArrayLike<number>): Interval {
    const P = this.problems;
    if (P === 0) return { mean: NaN, lo: NaN, hi: NaN };
    let total = 0;
    for (let i = 0; i < P; i++) total += values[i]!;
    const means = new Float64Array(this.resamples);
    for (let b = 0; b < this.resamples; b++) {
      let s = 0;
      const row = b * P;
      for (let i = 0; i < P; i++) s += this.counts[row + i]! * values[i]!;
      means[b] = s / P;
    }
    means.sort();
    return { mean: total / P, lo: quantile(means, 0.025), hi: quantile(means, 0.975) };
  }
}

/** Linear-interpolation quantile (R type 7) of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

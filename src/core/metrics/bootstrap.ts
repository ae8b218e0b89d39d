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
  /**
   * Resample b draws problem `index[j]` `times[j]` times for j in [start[b], start[b+1]): only the
   * ~63% of problems a resample draws at least once, so `interval` skips the zeros.
   */
  private readonly start: Int32Array;
  private readonly index: Int32Array;
  private readonly times: Uint16Array;

  constructor(
    readonly problems: number,
    readonly resamples: number,
    rng: Rng,
  ) {
    const P = problems;
    const counts = new Uint16Array(P);
    const index: number[] = [];
    const times: number[] = [];
    this.start = new Int32Array(resamples + 1);
    for (let b = 0; b < resamples; b++) {
      counts.fill(0);
      for (let i = 0; i < P; i++) counts[rng.int(P)]!++;
      for (let i = 0; i < P; i++) {
        if (counts[i]! > 0) {
          index.push(i);
          times.push(counts[i]!);
        }
      }
      this.start[b + 1] = index.length;
    }
    this.index = Int32Array.from(index);
    this.times = Uint16Array.from(times);
  }

  /** Mean of `values` (one per problem) and its 95% percentile interval. */
  interval(values: ArrayLike<number>): Interval {
    const P = this.problems;
    if (P === 0) return { mean: NaN, lo: NaN, hi: NaN };
    let total = 0;
    for (let i = 0; i < P; i++) total += values[i]!;
    const means = new Float64Array(this.resamples);
    const { start, index, times } = this;
    for (let b = 0; b < this.resamples; b++) {
      let s = 0;
      for (let j = start[b]!; j < start[b + 1]!; j++) s += times[j]! * values[index[j]!]!;
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

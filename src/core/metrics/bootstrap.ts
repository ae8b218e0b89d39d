import type { Rng } from '../rng';

export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

/**
 * Percentile bootstrap over problems. One matrix of resampling multiplicities (B × P) is drawn per
 * problem set and reused for every strategy and budget, so their intervals are comparable.
 *
 * The loops live in plain functions over typed arrays, called once per set or interval: in Chromium
 * the same loops written inside the constructor and method were compiled on stack replacement and
 * thrown away again on every call.
 */
export class ProblemBootstrap {
  /**
   * Resample b draws problem `index[j]` `times[j]` times for j in [start[b], start[b+1]): only the
   * ~63% of problems a resample draws at least once, so `interval` skips the zeros.
   */
  private readonly start: Int32Array;
  private readonly index: Int32Array;
  private readonly times: Uint16Array;
  private readonly means: Float64Array;

  constructor(
    readonly problems: number,
    readonly resamples: number,
    rng: Rng,
  ) {
    this.start = new Int32Array(resamples + 1);
    const { index, times } = drawMultiplicities(problems, resamples, rng, this.start);
    this.index = index;
    this.times = times;
    this.means = new Float64Array(resamples);
  }

  /** Mean of `values` (one per problem) and its 95% percentile interval. */
  interval(values: ArrayLike<number>): Interval {
    const P = this.problems;
    if (P === 0) return { mean: NaN, lo: NaN, hi: NaN };
    const means = this.means;
    const total = resampleMeans(values, P, this.start, this.index, this.times, means);
    // Selection assumes comparable numbers; NaN values (never produced by the estimators) sort.
    if (Number.isNaN(total)) means.sort();
    return { mean: total / P, lo: selectQuantile(means, 0.025), hi: selectQuantile(means, 0.975) };
  }
}

/** The sparse multiplicities of `resamples` draws of P problems with replacement (fills `start`). */
function drawMultiplicities(P: number, resamples: number, rng: Rng, start: Int32Array) {
  const counts = new Uint16Array(P);
  // About 63% of P per resample; grown if a draw needs more.
  let index = new Int32Array(Math.ceil(0.7 * P * resamples) + P);
  let times = new Uint16Array(index.length);
  let used = 0;
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < P; i++) counts[rng.int(P)]!++;
    if (used + P > index.length) {
      const grownIndex = new Int32Array(2 * index.length);
      const grownTimes = new Uint16Array(2 * index.length);
      grownIndex.set(index);
      grownTimes.set(times);
      index = grownIndex;
      times = grownTimes;
    }
    for (let i = 0; i < P; i++) {
      if (counts[i]! > 0) {
        index[used] = i;
        times[used] = counts[i]!;
        used++;
      }
    }
    start[b + 1] = used;
  }
  return { index: index.slice(0, used), times: times.slice(0, used) };
}

/** Writes each resample's mean into `means`; returns the plain sum of `values`. */
function resampleMeans(
  values: ArrayLike<number>,
  P: number,
  start: Int32Array,
  index: Int32Array,
  times: Uint16Array,
  means: Float64Array,
): number {
  let total = 0;
  for (let i = 0; i < P; i++) total += values[i]!;
  for (let b = 0; b < means.length; b++) {
    let s = 0;
    for (let j = start[b]!; j < start[b + 1]!; j++) s += times[j]! * values[index[j]!]!;
    means[b] = s / P;
  }
  return total;
}

/**
 * `quantile(sorted(values), q)` without sorting: the two order statistics it interpolates are
 * selected in place (Hoare's quickselect, expected linear time). Reorders `values`.
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = select(values, lo, 0, n - 1);
  if (lo + 1 >= n) return a;
  // After selecting rank lo, everything above position lo is ≥ it: rank lo + 1 is their minimum.
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
  return a + (h - lo) * (b - a);
}

/** Puts the element of rank `k` at position k, smaller ones before and larger ones after; returns it. */
function select(v: Float64Array, k: number, left: number, right: number): number {
  while (right > left) {
    // Median of three as the pivot: resample means are often sorted runs of equal values.
    const mid = (left + right) >>> 1;
    const pivot = median3(v[left]!, v[mid]!, v[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (v[i]! < pivot) i++;
      while (v[j]! > pivot) j--;
      if (i <= j) {
        const t = v[i]!;
        v[i] = v[j]!;
        v[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return v[k]!;
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
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

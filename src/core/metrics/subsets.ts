/**
 * Combinatorics for exact subsample estimates.
 *
 * `topOfSubsetWeights(n, k)[r]` is the probability that the element of rank r (0 = best) is the best
 * element of a uniformly random k-subset of n: C(n−1−r, k−1) / C(n, k), by the recurrence
 * w₀ = k/n, w_{r+1} = w_r · (n−k−r)/(n−1−r). Summing w over the top c ranks gives pass@k.
 */
export function topOfSubsetWeights(n: number, k: number): Float64Array {
  // Every problem of a pool has the same n and every argmax rule the same budgets: computed once.
  const cacheKey = n * 67108864 + k; // unique for k < 2^26
  const hit = weightsCache.get(cacheKey);
  if (hit) return hit;
  const w = computeWeights(n, k);
  if (weightsCache.size >= 512) weightsCache.clear();
  weightsCache.set(cacheKey, w);
  return w;
}

/** Shared read-only results of `topOfSubsetWeights` (callers never write to them). */
const weightsCache = new Map<number, Float64Array>();

function computeWeights(n: number, k: number): Float64Array {
  const w = new Float64Array(n);
  let cur = k / n;
  let total = 0;
  for (let r = 0; r < n; r++) {
    w[r] = cur;
    total += cur;
    cur = r < n - 1 ? (cur * Math.max(0, n - k - r)) / (n - 1 - r) : 0;
  }
  // The weights sum to 1 exactly in theory; renormalizing keeps a unanimous pool at exactly 0 or 1.
  for (let r = 0; r < n; r++) w[r]! /= total;
  return w;
}

/** C(n, k), or Infinity once it exceeds `cap` (so callers can ask "is enumeration small?" cheaply). */
export function binomialCapped(n: number, k: number, cap: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let value = 1;
  for (let i = 1; i <= kk; i++) {
    value = (value * (n - kk + i)) / i;
    if (value > cap) return Infinity;
  }
  return Math.round(value);
}

/** Visits every k-subset of 0..n-1 in lexicographic order; the array passed is reused between calls. */
export function forEachSubset(n: number, k: number, visit: (subset: Int32Array) => void): void {
  if (k < 0 || k > n) return;
  const idx = new Int32Array(k);
  for (let i = 0; i < k; i++) idx[i] = i;
  for (;;) {
    visit(idx);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

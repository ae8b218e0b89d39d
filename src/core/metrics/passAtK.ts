/**
 * Unbiased pass@k (Chen et al. 2021): the probability that a random size-k subset of n samples, c of
 * them correct, holds at least one correct sample: 1 − C(n−c, k) / C(n, k). The ratio is taken as the
 * running product Π_{i=n−c+1..n} (1 − k/i), which never forms a binomial coefficient and so stays exact
 * to rounding for n in the tens of thousands.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (!(Number.isInteger(n) && Number.isInteger(c) && Number.isInteger(k))) {
    throw new RangeError('passAtK needs integers');
  }
  if (k < 1 || k > n || c < 0 || c > n) {
    throw new RangeError(`passAtK needs 1 ≤ k ≤ n and 0 ≤ c ≤ n, got n=${n} c=${c} k=${k}`);
  }
  if (n - c < k) return 1;
  let prod = 1;
  for (let i = n - c + 1; i <= n; i++) prod *= 1 - k / i;
  return 1 - prod;
}

/**
 * Does a fresh measurement replicate a stated one? A preset's caption states an accuracy with its 95%
 * interval, measured on one seed's problems; `npm run bench` measures it again on other problems.
 * Asking the fresh point estimate to land inside the stated interval is not a 95% check: both
 * estimates carry sampling error, their difference has √2 times the spread of one, and a claim that
 * is exactly right lands inside only P(|Z| < 1.96 / √2) ≈ 83% of the time — over 22 claims, all of
 * them only ~2% of the time. So the check tests the difference instead:
 *
 *   z = (fresh − stated) / √(se_stated² + se_fresh²),  each se read off its 95% interval,
 *
 * and asks |z| ≤ z*, with z* Bonferroni-corrected over the m claims checked together, so that a set
 * of claims that are all right passes with probability ≥ 95%, however many there are.
 */

export interface IntervalEstimate {
  accuracy: number;
  /** A 95% interval (the bootstrap's percentiles over problems, as `ttc score` reports). */
  interval: [number, number];
}

/** z_{0.975}: half the width of a 95% interval, in standard errors. */
const Z95 = 1.959963984540054;

/**
 * Φ⁻¹(p), the standard normal quantile: Acklam's rational approximation (relative error < 1.2e-9),
 * which is all a critical value needs.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269];
  const a4 = -30.66479806614716;
  const a5 = 2.506628277459239;
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972];
  const b4 = -13.28068155288572;
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734];
  const c4 = 4.374664141464968;
  const c5 = 2.938163982698783;
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c4) * q + c5) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  const pLow = 0.02425;
  if (p < pLow) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - pLow) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a4) * r + a5) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b4) * r + 1)
  );
}

/** The standard error a 95% interval implies (its half-width over z_{0.975}). */
export const standardErrorOf = (e: IntervalEstimate): number =>
  (e.interval[1] - e.interval[0]) / (2 * Z95);

/** How many standard errors of the difference the fresh estimate lies from the stated one. */
export function replicationZ(stated: IntervalEstimate, fresh: IntervalEstimate): number {
  const se = Math.hypot(standardErrorOf(stated), standardErrorOf(fresh));
  const diff = fresh.accuracy - stated.accuracy;
  // Both intervals of zero width (accuracy 0 or 1 on every problem): only equality replicates.
  if (se === 0) return diff === 0 ? 0 : Math.sign(diff) * Infinity;
  return diff / se;
}

/** The two-sided critical |z| for m claims tested together at family-wise level α (Bonferroni). */
export function familyWiseCritical(m: number, alpha = 0.05): number {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`need at least one claim, got ${m}`);
  return normalQuantile(1 - alpha / (2 * m));
}

/**
 * Coverage scaling law (Brown et al., *Large Language Monkeys*): c(k) ≈ exp(a · k^b), fitted as the
 * straight line log(−log c) = log(−a) + b · log k by least squares over points with 0 < c < 1.
 */
export interface PowerLawFit {
  a: number;
  b: number;
  /** Coefficient of determination of the linearized fit. */
  r2: number;
  points: number;
}

export function fitCoveragePowerLaw(
  ks: readonly number[],
  coverage: readonly number[],
): PowerLawFit | null {
  const xs: number[] = [];
  const ys: number[] = [];
  ks.forEach((k, i) => {
    const c = coverage[i]!;
    if (c > 0 && c < 1) {
      xs.push(Math.log(k));
      ys.push(Math.log(-Math.log(c)));
    }
  });
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return null;
  const b = sxy / sxx;
  const intercept = my - b * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { a: -Math.exp(intercept), b, r2, points: n };
}

export function powerLawCoverage(fit: Pick<PowerLawFit, 'a' | 'b'>, k: number): number {
  return Math.exp(fit.a * k ** fit.b);
}

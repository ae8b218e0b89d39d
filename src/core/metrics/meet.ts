/**
 * Where two accuracy-vs-compute curves meet (Can 1B Surpass 405B?'s question: at what compute does a
 * small model with search match a big one?). Both curves are read linearly in log₂ compute between
 * their points, as the chart draws them, and compared only where both exist.
 */

export interface ComputePoint {
  /** Compute (FLOPs, tokens, …): positive. */
  x: number;
  accuracy: number;
}

export interface Meeting {
  /** Where the curves cross, or null when one stays above the other over their common range. */
  at: ComputePoint | null;
  /** The common range of compute [lo, hi], or null when the curves do not overlap. */
  range: [number, number] | null;
  /** Which curve is above over the common range before the crossing (at its low end). */
  aboveFirst: 'a' | 'b' | 'tie' | null;
}

/** The curve's accuracy at x, linear in log₂ x between its points (x inside its range). */
export function accuracyAt(curve: readonly ComputePoint[], x: number): number {
  const pts = [...curve].sort((p, q) => p.x - q.x);
  for (let i = 0; i + 1 < pts.length; i++) {
    const p = pts[i]!;
    const q = pts[i + 1]!;
    if (x < p.x || x > q.x) continue;
    if (q.x === p.x) return Math.max(p.accuracy, q.accuracy);
    const t = (Math.log2(x) - Math.log2(p.x)) / (Math.log2(q.x) - Math.log2(p.x));
    return p.accuracy + t * (q.accuracy - p.accuracy);
  }
  if (pts.length > 0 && x === pts[0]!.x) return pts[0]!.accuracy;
  return NaN;
}

/** The first crossing of b over a (or a over b) in their common compute range. */
export function meetingPoint(a: readonly ComputePoint[], b: readonly ComputePoint[]): Meeting {
  const ok = (c: readonly ComputePoint[]) => c.filter((p) => p.x > 0 && Number.isFinite(p.x));
  const ca = ok(a);
  const cb = ok(b);
  if (ca.length === 0 || cb.length === 0) return { at: null, range: null, aboveFirst: null };
  const lo = Math.max(Math.min(...ca.map((p) => p.x)), Math.min(...cb.map((p) => p.x)));
  const hi = Math.min(Math.max(...ca.map((p) => p.x)), Math.max(...cb.map((p) => p.x)));
  if (lo > hi) return { at: null, range: null, aboveFirst: null };
  // Between consecutive knots of either curve both are straight lines in log₂ x: a sign change of
  // their difference there is one crossing, found exactly.
  const xs = [...new Set([lo, hi, ...[...ca, ...cb].map((p) => p.x)])]
    .filter((x) => x >= lo && x <= hi)
    .sort((p, q) => p - q);
  const diff = (x: number) => accuracyAt(cb, x) - accuracyAt(ca, x);
  const sign = (d: number) => (d > 0 ? 'b' : d < 0 ? 'a' : 'tie');
  const first = sign(diff(xs[0]!));
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const d = diff(x);
    if (i > 0 && first !== 'tie' && sign(d) !== first) {
      const x0 = xs[i - 1]!;
      const d0 = diff(x0);
      // d is linear in log₂ x on [x0, x]: its zero.
      const t = d0 / (d0 - d);
      const at = 2 ** (Math.log2(x0) + t * (Math.log2(x) - Math.log2(x0)));
      return { at: { x: at, accuracy: accuracyAt(ca, at) }, range: [lo, hi], aboveFirst: first };
    }
  }
  return {
    at: first === 'tie' ? { x: xs[0]!, accuracy: accuracyAt(ca, xs[0]!) } : null,
    range: [lo, hi],
    aboveFirst: first,
  };
}

import type { ComputeAxis } from '../../experiment/settings';

/** Compact numbers for axis ticks and labels: 1.2k, 3.4M, 5.6G; seconds with units. */
export function formatCompute(v: number, axis: ComputeAxis): string {
  if (axis === 'wallclock')
    return v < 1 ? `${(v * 1000).toPrecision(2)} ms` : `${v.toPrecision(2)} s`;
  if (axis === 'samples') return String(Math.round(v));
  if (axis === 'memory') return `${formatCompute(v, 'total')}B`;
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [u, s] of units) if (v >= u) return `${+(v / u).toPrecision(3)}${s}`;
  return `${+v.toPrecision(3)}`;
}

/** Ticks for a log axis: powers of two for samples, else 1-2-5 per decade. */
export function logTicks(lo: number, hi: number, powersOfTwo: boolean): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo <= 0) return [1, 2];
  if (powersOfTwo) {
    const out: number[] = [];
    for (let k = 2 ** Math.floor(Math.log2(lo)); k <= hi * 1.0001; k *= 2) out.push(k);
    return out.length > 1 ? out : [out[0]!, out[0]! * 2];
  }
  const out: number[] = [];
  for (let d = 10 ** Math.floor(Math.log10(lo)); d <= hi * 10; d *= 10) {
    for (const m of [1, 2, 5]) {
      const t = d * m;
      if (t >= lo / 2.01 && t <= hi * 2.01) out.push(t);
    }
  }
  return out.length > 1 ? out : [lo, hi];
}

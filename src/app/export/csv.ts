import type { Series } from '../curves/chartData';

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** One row per (strategy, budget): the plotted values, the interval and the compute-axis value. */
export function seriesCsv(series: readonly Series[], axis: string): string {
  const rows = ['strategy,label,k,accuracy,lo,hi,' + axis];
  for (const s of series) {
    for (const p of s.points) {
      rows.push(
        [s.id, s.label, p.k, p.accuracy, p.band[0], p.band[1], p.x]
          .map((v) => quote(String(v)))
          .join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

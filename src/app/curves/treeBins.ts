import type { SearchCurvePoint, SearchRun } from '../../runtime/searchSweep';

export interface TreeBinValue {
  /** Mean over the bin's searched problems of the mean over runs (seeds). */
  accuracy: number;
  problems: number;
}

/**
 * Tree strategies per difficulty bin at budget `n` (Snell-style, beside the pool strategies): from
 * the runs themselves, only where the budget's runs are all in (the chart shows that point). Bins
 * are named by `binOf`; a run whose problem has no bin (not in the scored pool) is left out.
 */
export function treeBinAccuracy(
  runs: readonly SearchRun[],
  curves: Record<string, SearchCurvePoint[]>,
  n: number,
  binOf: (run: SearchRun) => string | null,
): Record<string, Record<string, TreeBinValue>> {
  const out: Record<string, Record<string, TreeBinValue>> = {};
  for (const [strategy, points] of Object.entries(curves)) {
    if (!points.some((p) => p.n === n)) continue;
    // bin → problem → [correct runs, runs]
    const tally = new Map<string, Map<string, [number, number]>>();
    for (const r of runs) {
      if (r.strategy !== strategy || r.n !== n) continue;
      const bin = binOf(r);
      if (bin === null) continue;
      const byProblem = tally.get(bin) ?? new Map<string, [number, number]>();
      const [c, t] = byProblem.get(r.problem) ?? [0, 0];
      byProblem.set(r.problem, [c + (r.correct ? 1 : 0), t + 1]);
      tally.set(bin, byProblem);
    }
    out[strategy] = Object.fromEntries(
      [...tally].map(([bin, byProblem]) => {
        const rates = [...byProblem.values()].map(([c, t]) => c / t);
        const accuracy = rates.reduce((a, b) => a + b, 0) / rates.length;
        return [bin, { accuracy, problems: rates.length }];
      }),
    );
  }
  return out;
}

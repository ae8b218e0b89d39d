import type { PreparedProblem } from './prepare';

/** What binning reads of a problem. */
export type BinProblem = Pick<PreparedProblem, 'id' | 'level' | 'c' | 'n'>;

export interface DifficultyBin {
  /** `1`…`5` for task levels; `q1` (easiest, highest pass@1) … `q5` for pass@1 quintiles. */
  bin: string;
  /** Indices into the problem list. */
  members: number[];
}

export function binsByLevel(problems: readonly Pick<PreparedProblem, 'level'>[]): DifficultyBin[] {
  const byLevel = new Map<number, number[]>();
  problems.forEach((p, i) => {
    const list = byLevel.get(p.level) ?? [];
    list.push(i);
    byLevel.set(p.level, list);
  });
  return [...byLevel.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([level, members]) => ({ bin: String(level), members }));
}

/**
 * Snell et al.'s oracle difficulty: five bins of (near-)equal size by pass@1 estimated from the pool,
 * easiest first; equal pass@1 is ordered by problem id so the bins are deterministic. Earlier bins take
 * the remainder when the count is not a multiple of five.
 */
export function binsByPass1Quintile(problems: readonly BinProblem[], bins = 5): DifficultyBin[] {
  return binsByScore(
    problems.map((p) => ({ id: p.id, score: p.c / p.n })),
    bins,
  );
}

/**
 * Snell et al.'s predicted difficulty, and the oracle's underneath: five bins by a per-problem score,
 * highest (easiest) first, ties by id; the predicted score is the verifier's mean over the samples,
 * which needs no ground truth. NaN scores (a verifier that scored nothing) sort last.
 */
export function binsByScore(
  problems: readonly { id: string; score: number }[],
  bins = 5,
): DifficultyBin[] {
  const key = (x: number) => (Number.isNaN(x) ? -Infinity : x);
  const order = problems
    .map((p, i) => ({ i, pass1: key(p.score), id: p.id }))
    .sort((a, b) => b.pass1 - a.pass1 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: DifficultyBin[] = [];
  const base = Math.floor(order.length / bins);
  const extra = order.length % bins;
  let at = 0;
  for (let b = 0; b < bins; b++) {
    const size = base + (b < extra ? 1 : 0);
    out.push({ bin: `q${b + 1}`, members: order.slice(at, at + size).map((o) => o.i) });
    at += size;
  }
  return out;
}

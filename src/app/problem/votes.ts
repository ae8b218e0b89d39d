/**
 * The vote distribution of one problem at budget k: the first k samples of its pool (the ones a user
 * with budget k would have drawn), their answers as bars, and what each strategy picks from them.
 */
import { predictAnswer } from '../../core/metrics/predict';
import { prepareProblem } from '../../core/metrics/prepare';
import { poolStrategies, type PoolStrategy } from '../../core/strategies';
import type { Pool, PoolEntry } from '../../core/types';
import { solutionScore } from '../../core/verifiers/aggregate';

export interface VoteBar {
  /** Normalized answer, or null for samples without one. */
  answer: string | null;
  count: number;
  /** Sum of the verifier's solution scores over these samples (the weighted vote's mass). */
  mass: number;
  correct: boolean;
  /** Indices (in the pool) of the samples behind the bar. */
  samples: number[];
}

/** Bars in order of count (then first appearance); they sum to min(k, pool size). */
export function voteBars(entry: PoolEntry, k: number, verifier: string | null): VoteBar[] {
  const bars = new Map<string | null, VoteBar>();
  for (const s of entry.samples.slice(0, k)) {
    let bar = bars.get(s.answer);
    if (!bar) {
      bar = { answer: s.answer, count: 0, mass: 0, correct: s.correct, samples: [] };
      bars.set(s.answer, bar);
    }
    bar.count++;
    bar.samples.push(s.index);
    const w = verifier ? solutionScore(s.scores[verifier]) : NaN;
    if (Number.isFinite(w)) bar.mass += w;
  }
  return [...bars.values()].sort((a, b) => b.count - a.count);
}

/** The answer each listed strategy picks from the first k samples (first-seen ties, as `ttc score`). */
export function picksAt(
  strategies: readonly PoolStrategy[],
  entry: PoolEntry,
  k: number,
  ids: readonly string[],
): Record<string, string | null> {
  const prepared = prepareProblem({ ...entry, samples: entry.samples.slice(0, k) });
  const out: Record<string, string | null> = {};
  for (const s of strategies) if (ids.includes(s.id)) out[s.id] = predictAnswer(prepared, s);
  return out;
}

/** The pool's strategies (this walks every sample: once per pool, not per budget). */
export const strategiesOf = (pool: Pool) => poolStrategies(pool);

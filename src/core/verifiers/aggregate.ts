import type { VerifierScore } from '../types';

/**
 * How a PRM's step scores become one solution score (Snell et al. 2024; search-and-learn uses `last`),
 * or `outcome` for an ORM's single score.
 */
export type Aggregation = 'last' | 'min' | 'prod' | 'mean' | 'outcome';
export const STEP_AGGREGATIONS: readonly Aggregation[] = ['last', 'min', 'prod', 'mean'];

/** The solution score, or NaN when the verifier gave nothing to aggregate (no steps, no outcome). */
export function aggregateScore(score: VerifierScore | undefined, how: Aggregation): number {
  if (!score) return NaN;
  if (how === 'outcome') return score.outcome ?? NaN;
  const s = score.steps;
  if (s.length === 0) return NaN;
  switch (how) {
    case 'last':
      return s[s.length - 1]!;
    case 'min':
      return Math.min(...s);
    case 'prod':
      return s.reduce((a, b) => a * b, 1);
    case 'mean':
      return s.reduce((a, b) => a + b, 0) / s.length;
  }
}

/** The score used to weight votes: the ORM's outcome when present, else the last step (search-and-learn). */
export function solutionScore(score: VerifierScore | undefined): number {
  if (score?.outcome !== undefined) return score.outcome;
  return aggregateScore(score, 'last');
}

import type { AnswerTally } from '../metrics/tally';
import type { PreparedProblem } from '../metrics/prepare';

/**
 * Ties: `first` picks the candidate seen first (lowest original sample index), `random` scores the
 * expected accuracy of a uniformly random pick among tied candidates (computed exactly, not drawn).
 * Candidates are samples for argmax rules and answers for vote rules.
 */
export type TieRule = 'first' | 'random';
export const TIE_RULES: readonly TieRule[] = ['first', 'random'];

interface StrategyBase {
  id: string;
  label: string;
  /** The verifier whose tokens this rule spends, if any. */
  verifier?: string;
}

/**
 * Selects the sample with the highest key (best-of-N, confidence, first-finish, oracle). Estimated in
 * closed form over subsets, so these curves carry no sampling noise.
 */
export interface ArgmaxStrategy extends StrategyBase {
  kind: 'argmax';
  /** Per-sample key, higher is better; NaN = never preferred over a scored sample. */
  key(p: PreparedProblem): Float64Array;
  /**
   * `all`: the k samples run to completion. `race`: they are launched together and all stop when the
   * selected one finishes, so generated tokens = k × the selected sample's tokens (First Finish Search).
   */
  cost: 'all' | 'race';
}

/** Aggregates answers over the subset (majority, weighted vote, Best-of-Majority, early stop). */
export interface VoteStrategy extends StrategyBase {
  kind: 'vote';
  /**
   * Writes the tied-best answers after `t.size` samples into `out` and returns their number. `ch` is
   * this rule's weight channel; `out` has room for every distinct answer.
   */
  candidates(t: AnswerTally, ch: number, out: Int32Array): number;
  /**
   * Declares that the candidates are exactly the answers maximizing their count (`count`) or this
   * rule's weight sum (`sum`), which the tally tracks incrementally: the estimator then reads the
   * pick in O(1) instead of calling `candidates`. Same results, a fraction of the time.
   */
  leader?: 'count' | 'sum';
  /** Stop drawing once the leader cannot be caught within the budget (early-stopping vote). */
  earlyStop?: boolean;
}

export type PoolStrategy = ArgmaxStrategy | VoteStrategy;

import type { VoteStrategy } from './types';

/**
 * Weighted majority (search-and-learn, Snell et al.): sum each answer's verifier scores (the ORM
 * outcome, else the PRM's last step) and take the answer with the largest total.
 */
export function weightedVote(verifier: string): VoteStrategy {
  return {
    kind: 'vote',
    id: `weighted@${verifier}`,
    label: `Weighted vote (${verifier})`,
    verifier,
    leader: 'sum',
    candidates: (t, ch, out) => t.argmaxAnswers((a) => t.sum[ch]![a]!, out),
  };
}

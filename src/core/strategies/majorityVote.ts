import type { VoteStrategy } from './types';

/** Self-consistency (Wang et al. 2022): the most frequent normalized final answer. */
export const majorityVote: VoteStrategy = {
  kind: 'vote',
  id: 'majority',
  label: 'Majority vote',
  leader: 'count',
  candidates: (t, _ch, out) => t.argmaxAnswers((a) => t.count[a]!, out),
};

import type { VoteStrategy } from './types';

/**
 * Majority vote that draws samples one at a time and stops as soon as the leader's margin over the
 * runner-up exceeds the samples left in the budget: no remaining draw could then tie or overtake it, so
 * the answer always equals maj@k and only the cost changes (cf. DeepPrune: most parallel traces agree).
 */
export const earlyStoppingVote: VoteStrategy = {
  kind: 'vote',
  id: 'early-stop',
  label: 'Early-stopping vote',
  earlyStop: true,
  leader: 'count',
  candidates: (t, _ch, out) => t.argmaxAnswers((a) => t.count[a]!, out),
};

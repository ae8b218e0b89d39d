import type { PoolStrategy } from '../strategies/types';
import type { PreparedProblem } from './prepare';
import { AnswerTally } from './tally';
import { firstSeen, weightChannels } from './voteEstimate';

/** The answer a strategy gives on the whole pool of a problem (first-seen ties): what a user sees. */
export function predictAnswer(p: PreparedProblem, s: PoolStrategy): string | null {
  if (p.n === 0) return null;
  if (s.kind === 'argmax') {
    const key = s.key(p);
    let best = 0;
    const val = (i: number) => (Number.isNaN(key[i]!) ? -Infinity : key[i]!);
    for (let i = 1; i < p.n; i++) if (val(i) > val(best)) best = i;
    const a = p.answerId[best]!;
    return a < 0 ? null : p.answers[a]!;
  }
  const { weights, channelOf } = weightChannels(p, [s]);
  const tally = new AnswerTally(p, weights);
  for (let i = 0; i < p.n; i++) tally.add(i);
  const cands = new Int32Array(Math.max(1, p.answers.length));
  const size = s.candidates(tally, channelOf(s), cands);
  return size === 0 ? null : p.answers[firstSeen(tally, cands, size)]!;
}

import type { VoteStrategy } from './types';

/** Frequency an answer needs, as a fraction of k, to stay a candidate. */
export const DEFAULT_BOM_THRESHOLD = 0.2;

/**
 * Best-of-Majority (Di et al. 2025): keep only answers drawn at least `threshold · k` times, then take
 * the one holding the highest-reward sample. Restricting to frequent answers is what keeps a reward
 * model's blind spots from winning as k grows. When no answer is frequent enough (only possible for
 * thresholds above 1/distinct answers), it falls back to the most frequent answers.
 */
export function bestOfMajority(verifier: string, threshold = DEFAULT_BOM_THRESHOLD): VoteStrategy {
  let frequent = new Int32Array(0);
  return {
    kind: 'vote',
    id: `bom@${verifier}`,
    label: `Best-of-Majority (${verifier})`,
    verifier,
    candidates: (t, ch, out) => {
      if (frequent.length < out.length) frequent = new Int32Array(out.length);
      const need = threshold * t.size;
      let m = 0;
      for (let j = 0; j < t.distinct; j++) {
        const a = t.touched[j]!;
        if (t.count[a]! >= need) frequent[m++] = a;
      }
      if (m === 0) m = t.argmaxAnswers((a) => t.count[a]!, frequent);
      return t.argmaxAnswers((a) => t.max[ch]![a]!, out, frequent, m);
    },
  };
}

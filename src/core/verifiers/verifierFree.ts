/**
 * Scores any policy gives its own samples, with no verifier model and no extra tokens, read from the
 * per-token numbers the sampler records. Each is a step score per span and an outcome over the whole
 * sample, in [0, 1] so every strategy can weigh by it:
 * - confidence: exp(min token log-prob) (the weakest token decides);
 * - mean log-prob: exp(mean token log-prob) (the sequence's per-token likelihood);
 * - self-certainty: 1 − exp(−mean KL(uniform ‖ p_t)) (Kang et al., *Scalable Best-of-N Selection for
 *   LLMs via Self-Certainty*, 2025). The paper ranks by the mean KL itself; 1 − exp(−x) keeps that order
 *   (best-of-N picks the same sample) while fitting the pool's [0, 1] scores.
 */
import type { VerifierInfo, VerifierScore } from '../types';

export const CONFIDENCE_VERIFIER: VerifierInfo = {
  id: 'policy-confidence',
  kind: 'confidence',
  description: "the policy's own min token log-prob: exp(min) per step line and over the sample",
};

/** A generative verifier's description (its reading rule: generative.ts). */
export function generativeVerifierInfo(id: string): VerifierInfo {
  return {
    id,
    kind: 'prm',
    description:
      'generative verifier: step = P(step line); outcome = min over steps and answer line',
  };
}

export const MEAN_LOGPROB_VERIFIER: VerifierInfo = {
  id: 'policy-mean-logprob',
  kind: 'confidence',
  description: "the policy's own mean token log-prob: exp(mean) per step and over the sample",
};

export const SELF_CERTAINTY_VERIFIER: VerifierInfo = {
  id: 'policy-self-certainty',
  kind: 'confidence',
  description:
    'self-certainty (Kang et al. 2025): mean KL(uniform ‖ p) of the policy’s token distributions, as 1 − exp(−KL)',
};

function over(values: ArrayLike<number>, [a, b]: [number, number], f: 'min' | 'mean'): number {
  if (b <= a) return 0;
  let acc = 0; // log-probs are ≤ 0, so 0 is min's identity too
  for (let i = a; i < b; i++) acc = f === 'min' ? Math.min(acc, values[i]!) : acc + values[i]!;
  return f === 'min' ? acc : acc / (b - a);
}

/** Per span and over the whole sample: `score` of the values reduced by `f`; an empty sample scores 0. */
function spanScores(
  values: ArrayLike<number>,
  spans: readonly [number, number][],
  f: 'min' | 'mean',
  score: (x: number) => number,
): VerifierScore {
  return {
    steps: spans.map((s) => score(over(values, s, f))),
    outcome: values.length ? score(over(values, [0, values.length], f)) : 0,
    tokens: 0,
  };
}

export const minLogprobScores = (lp: ArrayLike<number>, spans: readonly [number, number][]) =>
  spanScores(lp, spans, 'min', Math.exp);

export const meanLogprobScores = (lp: ArrayLike<number>, spans: readonly [number, number][]) =>
  spanScores(lp, spans, 'mean', Math.exp);

/** KL ≥ 0 in exact arithmetic; a flat row can come out at −1e−16. */
export const selfCertaintyScores = (
  certainty: ArrayLike<number>,
  spans: readonly [number, number][],
) => spanScores(certainty, spans, 'mean', (kl) => 1 - Math.exp(-Math.max(0, kl)));

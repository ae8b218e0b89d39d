import type { VerifierScore } from '../types';
import { lineSpans } from './lines';

/**
 * The policy's own confidence read as a verifier (no extra model, no extra tokens): a step's score is
 * exp of the lowest token log-prob in its line, the outcome exp of the lowest over the whole sample.
 * Mirrors `confidence_scores` in training/evaluate.py.
 */
export function confidenceScores(
  completion: string,
  tokenLogprobs: ArrayLike<number>,
  ended: boolean,
): VerifierScore {
  const min = (a: number, b: number) => {
    let m = 0;
    for (let i = a; i < b; i++) m = Math.min(m, tokenLogprobs[i]!);
    return m;
  };
  const { steps } = lineSpans(completion, ended);
  let all = 0;
  for (let i = 0; i < tokenLogprobs.length; i++) all = Math.min(all, tokenLogprobs[i]!);
  return {
    steps: steps.map(([a, b]) => Math.exp(min(a, b))),
    outcome: tokenLogprobs.length ? Math.exp(all) : 0,
    tokens: 0,
  };
}

import type { VerifierScore } from '../types';
import { lineSpans } from './lines';

/**
 * The generative verifier's reading rule (model card of arith-verifier; mirrored in
 * training/ttc_models/scoring.py). Given the verifier's teacher-forced log-probs of a completion's tokens
 * (one token per character for the built-in vocabulary, then end-of-sequence when the sample ended):
 * a step's score is exp(Σ log p) over its line and newline, the probability the verifier gives that line;
 * the outcome is the minimum over the step lines and the answer line (with end-of-sequence).
 */
export function generativeScores(
  completion: string,
  tokenLogprobs: ArrayLike<number>,
  ended: boolean,
  tokens = 0,
): VerifierScore {
  const sum = ([a, b]: [number, number]) => {
    let s = 0;
    for (let i = a; i < b; i++) s += tokenLogprobs[i]!;
    return s;
  };
  const { steps, answer } = lineSpans(completion, ended);
  const stepLogs = steps.map(sum);
  const spans = answer ? [...stepLogs, sum(answer)] : stepLogs;
  return {
    steps: stepLogs.map(Math.exp),
    outcome: spans.length > 0 ? Math.exp(Math.min(...spans)) : 0,
    tokens,
  };
}

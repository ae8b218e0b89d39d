import type { VerifierScore } from '../types';

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
  const limit = completion.length + (ended ? 1 : 0);
  const sum = (a: number, b: number) => {
    let s = 0;
    for (let i = a; i < Math.min(b, limit); i++) s += tokenLogprobs[i]!;
    return s;
  };
  const stepLogs: number[] = [];
  let answerLog: number | undefined;
  let at = 0;
  for (const line of completion.split('\n')) {
    const end = at + line.length + 1; // its newline, or end-of-sequence after the last line
    if (line.startsWith('A:')) {
      answerLog = sum(at, end);
      break;
    }
    if (line !== '') stepLogs.push(sum(at, end));
    at = end;
  }
  const spans = answerLog === undefined ? stepLogs : [...stepLogs, answerLog];
  return {
    steps: stepLogs.map(Math.exp),
    outcome: spans.length > 0 ? Math.exp(Math.min(...spans)) : 0,
    tokens,
  };
}

/**
 * Scores completions with a generative verifier: one teacher-forced forward over prompt + completion
 * (+ end-of-sequence when the sample ended) per row, read by the engine's reading rule.
 */
import { generativeScores } from '../core/verifiers/generative';
import type { VerifierScore } from '../core/types';
import type { Decoder } from './decoder';
import { logSoftmax } from './sampling';

export interface ScoredText {
  text: string;
  finished: boolean;
}

/** `encode` maps text to token ids (character-level for built-in models). */
export async function scoreGenerative(
  verifier: Decoder,
  prompt: readonly number[],
  items: readonly ScoredText[],
  encode: (text: string) => number[],
  batchSize = 128,
): Promise<VerifierScore[]> {
  const { vocabSize: V, eosId, padId } = verifier.cfg;
  const scores: VerifierScore[] = [];
  const lp = new Float64Array(V);
  for (let start = 0; start < items.length; start += batchSize) {
    const chunk = items.slice(start, start + batchSize);
    const rows = chunk.map((it) => [
      ...prompt,
      ...encode(it.text),
      ...(it.finished ? [eosId] : []),
    ]);
    const width = Math.max(...rows.map((r) => r.length));
    // Right padding is harmless under causal attention: no real position can see the pads after it.
    const padded = rows.map((r) => [...r, ...new Array<number>(width - r.length).fill(padId)]);
    const { logits } = await verifier.forward(padded, verifier.emptyCache(padded.length));
    chunk.forEach((it, b) => {
      const row = rows[b]!;
      const tokenLp = new Float64Array(row.length - prompt.length);
      for (let t = prompt.length - 1; t < row.length - 1; t++) {
        tokenLp[t - prompt.length + 1] = logSoftmax(logits, (b * width + t) * V, V, lp)[
          row[t + 1]!
        ]!;
      }
      scores.push(generativeScores(it.text, tokenLp, it.finished, row.length - 1));
    });
  }
  return scores;
}

/**
 * Memory traffic of decoding (Sadhukhan et al. 2025, *Kinetics: Rethinking Test-Time Scaling Laws*):
 * small-batch decoding is bound by bytes read, not FLOPs. Each decode step reads the weights once for
 * the whole batch, and each row reads its KV cache at its current context length. So for k samples
 * decoded together after a P-token prompt,
 *
 *   bytes = W · steps + B_kv · Σ_rows Σ_{t < L_row} (P + t),
 *
 * with W the weight bytes, B_kv the KV bytes per position (2 · layers · kv heads · head dim · bytes)
 * and steps the longest row's length. This file gives the two model-free factors — decode steps and
 * KV positions read — as expectations over the estimator's subsets; the chart multiplies by the
 * model's W and B_kv (`src/app/curves/chartData.ts`). Attention grows with L² and with k, weights only
 * with the longest L: at long generations and large k, the KV term dominates.
 */
import type { Estimator } from './estimate';
import type { PreparedProblem } from './prepare';
import { topOfSubsetWeights } from './subsets';

export interface Traffic {
  /** Decode steps of the batch (each reads the weights once). */
  decodeSteps: number;
  /** KV-cache positions read, summed over rows and steps. */
  kvReads: number;
}

/** Σ_{t=0}^{L−1} (P + t): positions a row reads while decoding L tokens after a P-token prompt. */
export const kvReadsOf = (len: number, prompt: number) => len * prompt + (len * (len - 1)) / 2;

/** Lengths sorted by `dir` (1 descending, −1 ascending), with each one's KV reads. */
function sorted(p: PreparedProblem, dir: 1 | -1): Float64Array {
  return Float64Array.from(p.tokens).sort((a, b) => dir * (b - a));
}

/**
 * k samples decoded as one batch: the longest sets the steps. `subsample`: the expectation over
 * uniform k-subsets (the longest is the r-th longest with probability C(n−1−r, k−1)/C(n, k));
 * `prefix`: the first k samples.
 */
export function batchTraffic(p: PreparedProblem, k: number, estimator: Estimator): Traffic {
  const P = p.promptTokens;
  if (estimator === 'prefix') {
    let steps = 0;
    let kv = 0;
    for (let i = 0; i < k; i++) {
      steps = Math.max(steps, p.tokens[i]!);
      kv += kvReadsOf(p.tokens[i]!, P);
    }
    return { decodeSteps: steps, kvReads: kv };
  }
  const w = topOfSubsetWeights(p.n, k);
  const desc = sorted(p, 1);
  let steps = 0;
  let kv = 0;
  for (let r = 0; r < p.n; r++) {
    steps += w[r]! * desc[r]!;
    kv += kvReadsOf(desc[r]!, P);
  }
  return { decodeSteps: steps, kvReads: (k * kv) / p.n };
}

/**
 * The first-finish race: k rows decode until the shortest finishes, so every row reads as far as the
 * shortest one's length (the subset's minimum, by the same order statistics ascending).
 */
export function raceTraffic(p: PreparedProblem, k: number, estimator: Estimator): Traffic {
  const P = p.promptTokens;
  if (estimator === 'prefix') {
    let min = Infinity;
    for (let i = 0; i < k; i++) min = Math.min(min, p.tokens[i]!);
    return { decodeSteps: min, kvReads: k * kvReadsOf(min, P) };
  }
  const w = topOfSubsetWeights(p.n, k);
  const asc = sorted(p, -1);
  let steps = 0;
  let kv = 0;
  for (let r = 0; r < p.n; r++) {
    steps += w[r]! * asc[r]!;
    kv += w[r]! * kvReadsOf(asc[r]!, P);
  }
  return { decodeSteps: steps, kvReads: k * kv };
}

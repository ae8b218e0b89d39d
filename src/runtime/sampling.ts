import type { Rng } from '../core/rng';

export interface SamplingParams {
  /** 0 = greedy (argmax, lowest id on ties). */
  temperature: number;
  /** Nucleus sampling: keep the smallest set of top tokens with probability ≥ topP (1 = off). */
  topP: number;
  /** Keep the topK most likely tokens (0 = off). */
  topK: number;
}

/** log-softmax of one row of logits, in float64. */
export function logSoftmax(
  logits: ArrayLike<number>,
  offset: number,
  V: number,
  out: Float64Array,
): Float64Array {
  let max = -Infinity;
  for (let v = 0; v < V; v++) max = Math.max(max, logits[offset + v]!);
  let z = 0;
  for (let v = 0; v < V; v++) z += Math.exp(logits[offset + v]! - max);
  const lz = max + Math.log(z);
  for (let v = 0; v < V; v++) out[v] = logits[offset + v]! - lz;
  return out;
}

/**
 * Draws the next token of one row. Returns the token and its log-prob under the *model's* distribution
 * (temperature 1, no truncation), which is what confidence scores and sequence likelihoods use.
 * One uniform draw per call from the row's own stream, so rows never share randomness.
 */
export function sampleToken(
  logits: ArrayLike<number>,
  offset: number,
  V: number,
  p: SamplingParams,
  rng: Rng,
  scratch: Float64Array,
): { token: number; logprob: number } {
  const lp = logSoftmax(logits, offset, V, scratch);
  if (p.temperature === 0) {
    let best = 0;
    for (let v = 1; v < V; v++) if (lp[v]! > lp[best]!) best = v;
    return { token: best, logprob: lp[best]! };
  }
  // Tempered probabilities over candidate tokens, most likely first (ties by id, so it is deterministic).
  const order = Array.from({ length: V }, (_, v) => v).sort((a, b) => lp[b]! - lp[a]! || a - b);
  const keep = p.topK > 0 ? Math.min(p.topK, V) : V;
  const weights: number[] = [];
  let total = 0;
  for (let i = 0; i < keep; i++) {
    const w = Math.exp((lp[order[i]!]! - lp[order[0]!]!) / p.temperature);
    weights.push(w);
    total += w;
  }
  let n = keep;
  if (p.topP < 1) {
    let mass = 0;
    for (let i = 0; i < keep; i++) {
      mass += weights[i]! / total;
      if (mass >= p.topP) {
        n = i + 1;
        break;
      }
    }
    total = weights.slice(0, n).reduce((a, b) => a + b, 0);
  }
  let u = rng.next() * total;
  for (let i = 0; i < n; i++) {
    u -= weights[i]!;
    if (u < 0) return { token: order[i]!, logprob: lp[order[i]!]! };
  }
  return { token: order[n - 1]!, logprob: lp[order[n - 1]!]! };
}

/**
 * Drawing a token from one row of logits without sorting the vocabulary. At V ≈ 152k a full sort per
 * row per step costs more than a small model's forward pass; the draw only ever needs the most likely
 * tokens in order, so they are found by partial selection (a bounded heap, O(V log m)), and more are
 * selected only when the draw walks past them. The result equals the sort-based definition exactly
 * (sampling.test.ts): tokens in descending logit order, ties by lower id; top-k keeps the first k;
 * top-p the shortest prefix whose tempered mass reaches p; one uniform u picks by inverse CDF.
 */
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
  const lz = logNormalizer(logits, offset, V).lz;
  for (let v = 0; v < V; v++) out[v] = logits[offset + v]! - lz;
  return out;
}

/**
 * log Σ exp(logits) (as `max + log Σ exp(l − max)`, summed in id order), the first argmax, and the
 * mean logit: one pass for the max and the sum of logits, one for the exponentials.
 */
export function logNormalizer(
  logits: ArrayLike<number>,
  offset: number,
  V: number,
): { lz: number; argmax: number; mean: number } {
  let max = -Infinity;
  let argmax = 0;
  let sum = 0;
  for (let v = 0; v < V; v++) {
    const l = logits[offset + v]!;
    sum += l;
    if (l > max) {
      max = l;
      argmax = v;
    }
  }
  let z = 0;
  for (let v = 0; v < V; v++) z += Math.exp(logits[offset + v]! - max);
  return { lz: max + Math.log(z), argmax, mean: sum / V };
}

/**
 * The m highest-logit ids of a row, highest first, ties by lower id: a min-heap of the best m seen
 * (its root the worst kept), so most of the vocabulary costs one comparison.
 */
export function topIds(logits: ArrayLike<number>, offset: number, V: number, m: number): number[] {
  const k = Math.min(m, V);
  const heap: number[] = [];
  // a is worse than b: lower logit, or equal logit and higher id.
  const worse = (a: number, b: number) => {
    const la = logits[offset + a]!;
    const lb = logits[offset + b]!;
    return la < lb || (la === lb && a > b);
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l;
      if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (let v = 0; v < V; v++) {
    if (heap.length < k) {
      heap.push(v);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (worse(heap[0]!, v)) {
      heap[0] = v;
      down(0);
    }
  }
  return heap.sort((a, b) => logits[offset + b]! - logits[offset + a]! || a - b);
}

/** The first candidates drawn from; four times as many each time the draw needs more. */
const FIRST_CANDIDATES = 64;

export interface Draw {
  token: number;
  /** log p(token) under the model's own distribution (temperature 1, no truncation). */
  logprob: number;
  /**
   * KL(uniform ‖ p) of this step's distribution, = −log V − mean_v log p(v): self-certainty's
   * per-token term (Kang et al., *Scalable Best-of-N Selection for LLMs via Self-Certainty*).
   */
  certainty: number;
}

/**
 * Draws the next token of one row. Returns the token, its log-prob under the *model's* distribution
 * (temperature 1, no truncation), which confidence scores and sequence likelihoods use, and the
 * step's self-certainty. One uniform draw per call from the row's own stream, so rows never share
 * randomness.
 */
export function sampleToken(
  logits: ArrayLike<number>,
  offset: number,
  V: number,
  p: SamplingParams,
  rng: Rng,
): Draw {
  const { lz, argmax, mean } = logNormalizer(logits, offset, V);
  const certainty = lz - mean - Math.log(V);
  const lp = (v: number) => logits[offset + v]! - lz;
  if (p.temperature === 0) return { token: argmax, logprob: lp(argmax), certainty };
  const keep = p.topK > 0 ? Math.min(p.topK, V) : V;
  let order = topIds(logits, offset, V, Math.min(keep, FIRST_CANDIDATES));
  const more = () => {
    if (order.length >= keep) return false;
    order = topIds(logits, offset, V, Math.min(keep, order.length * 4));
    return true;
  };
  const top = lp(order[0]!);
  const weight = (v: number) => Math.exp((lp(v) - top) / p.temperature);
  // Σ of the kept tokens' weights, in id order.
  let total = 0;
  if (keep === V) for (let v = 0; v < V; v++) total += weight(v);
  else {
    order = topIds(logits, offset, V, keep); // the total needs every kept token
    for (const v of [...order].sort((a, b) => a - b)) total += weight(v);
  }
  let n = keep;
  if (p.topP < 1) {
    let mass = 0;
    for (let i = 0; ; i++) {
      if (i === order.length && !more()) break;
      mass += weight(order[i]!) / total;
      if (mass >= p.topP) {
        n = i + 1;
        break;
      }
    }
    if (n < keep) {
      while (order.length < n) more();
      total = 0;
      for (const v of order.slice(0, n).sort((a, b) => a - b)) total += weight(v);
    }
  }
  let u = rng.next() * total;
  for (let i = 0; i < n; i++) {
    if (i === order.length) more();
    u -= weight(order[i]!);
    if (u < 0) return { token: order[i]!, logprob: lp(order[i]!), certainty };
  }
  while (order.length < n) more();
  return { token: order[n - 1]!, logprob: lp(order[n - 1]!), certainty };
}

/**
 * A row's candidates from the sampling head (samplingHead.ts): the top K logits, highest first with
 * ties to the lower id, their ids, log Σ exp and the mean logit over the whole vocabulary.
 */
export interface Candidates {
  values: Float32Array;
  ids: ArrayLike<number | bigint>;
  /** Where this row's K candidates start in `values` / `ids`. */
  at: number;
  K: number;
  lz: number;
  mean: number;
  V: number;
}

/** Whether the head's candidates hold every token a draw with these settings can pick. */
export function candidatesSuffice(p: SamplingParams, K: number): boolean {
  return p.temperature === 0 || (p.topK > 0 && p.topK <= K);
}

/**
 * `sampleToken`'s draw over the head's candidates (top-k ≤ K, so every kept token is among them):
 * the same order, truncation, id-ordered total and inverse CDF. The normalizer comes from the
 * runtime (float32) instead of this file (float64), so log-probs agree to ~1e-7, not bit for bit.
 */
export function drawFromCandidates(c: Candidates, p: SamplingParams, rng: Rng): Draw {
  const certainty = c.lz - c.mean - Math.log(c.V);
  const lp = (i: number) => c.values[c.at + i]! - c.lz;
  const id = (i: number) => Number(c.ids[c.at + i]!);
  if (p.temperature === 0) return { token: id(0), logprob: lp(0), certainty };
  const keep = Math.min(p.topK, c.V);
  if (p.topK <= 0 || keep > c.K)
    throw new Error(`top-k ${p.topK} needs more than ${c.K} candidates`);
  const top = lp(0);
  const weight = (i: number) => Math.exp((lp(i) - top) / p.temperature);
  const byId = (n: number) => Array.from({ length: n }, (_, i) => i).sort((a, b) => id(a) - id(b));
  let total = 0;
  for (const i of byId(keep)) total += weight(i);
  let n = keep;
  if (p.topP < 1) {
    let mass = 0;
    for (let i = 0; i < keep; i++) {
      mass += weight(i) / total;
      if (mass >= p.topP) {
        n = i + 1;
        break;
      }
    }
    if (n < keep) {
      total = 0;
      for (const i of byId(n)) total += weight(i);
    }
  }
  let u = rng.next() * total;
  for (let i = 0; i < n; i++) {
    u -= weight(i);
    if (u < 0) return { token: id(i), logprob: lp(i), certainty };
  }
  return { token: id(n - 1), logprob: lp(n - 1), certainty };
}

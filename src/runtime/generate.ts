/**
 * Many samples of one prompt as one batch: prefill the shared prompt once, fork its cache to N rows,
 * decode all rows together with a seeded stream per row, stop rows at end-of-sequence, and drop
 * finished rows from the batch (compaction) so the remaining ones run at their own size.
 */
import type { Rng } from '../core/rng';
import type { Cost } from '../core/types';
import type { Decoder } from './decoder';
import {
  candidatesSuffice,
  drawFromCandidates,
  sampleToken,
  type SamplingParams,
} from './sampling';
import { HEAD_K } from './samplingHead';

/** Finished rows are dropped from the batch once they are this share of it (see the loop). */
export const COMPACT_FRACTION = 0.25;

export interface Completion {
  /** Generated token ids, including end-of-sequence when produced. */
  tokens: number[];
  /** Log-prob of each generated token under the model (temperature 1). */
  logprobs: number[];
  /** Each step's KL(uniform ‖ p): self-certainty's per-token term. */
  certainties: number[];
  /** True when the row produced end-of-sequence (false: it hit maxTokens or a stop). */
  finished: boolean;
  /** True when `stop` ended the row (a stop string, for `ttc serve`). */
  stopped?: boolean;
}

export interface GenerateOptions extends SamplingParams {
  maxTokens: number;
  /** Called after every decode step: rows done so far, rows still running, tokens so far. */
  onStep?: (progress: { done: number; running: number; tokens: number }) => void;
  /** Ends row i after a token when true (stop strings); end-of-sequence is checked first. */
  stop?: (row: number, tokens: readonly number[]) => boolean;
  /** Checked before every decode step: cancellation stops within one step. */
  signal?: AbortSignal;
  /**
   * Called before every decode step with the rows it runs and the positions their cache will hold;
   * throws to stop a step predicted not to fit in memory (drawMemory.ts) before it is attempted.
   */
  memoryCheck?: (rows: number, positions: number) => void;
  /** Awaited before every decode step (a server lets its sockets be read in between). */
  beforeStep?: () => Promise<void>;
  /** Accumulates where the time goes (the bench prints it); absent, nothing is timed. */
  profile?: StepProfile;
}

/**
 * Milliseconds per phase over a run: the forward pass (on WASM it includes reading the logits back,
 * which ONNX Runtime hands over as a JS array), sampling every row, and cache work (fork, compaction).
 */
export interface StepProfile {
  steps: number;
  forwardMs: number;
  samplingMs: number;
  cacheMs: number;
}

export const emptyProfile = (): StepProfile => ({
  steps: 0,
  forwardMs: 0,
  samplingMs: 0,
  cacheMs: 0,
});

export async function sampleCompletions(
  decoder: Decoder,
  prompt: readonly number[],
  rngs: readonly Rng[],
  opts: GenerateOptions,
): Promise<{ completions: Completion[]; cost: Cost }> {
  const started = performance.now();
  const { vocabSize: V, padId } = decoder.cfg;
  const n = rngs.length;
  const out: Completion[] = Array.from({ length: n }, () => ({
    tokens: [],
    logprobs: [],
    certainties: [],
    finished: false,
  }));
  // Big vocabularies read the sampling head's top-K candidates instead of every logit, when the
  // draw cannot pick outside them (top-k ≤ K, or greedy).
  const fetch = decoder.head && candidatesSuffice(opts, HEAD_K) ? 'candidates' : 'logits';
  const prefill = await decoder.prefill([prompt], decoder.emptyCache(1), fetch);
  let forwardPasses = prefill.passes ?? 1;
  let generated = 0;
  // batch[j]: the output row that batch position j carries, or -1 for a finished row still in the batch.
  let batch = Array.from({ length: n }, (_, i) => i);
  let cache = prefill.cache; // one row until the first fork
  let logits = prefill.logits;
  let head = prefill.candidates;
  const draw = (j: number, rng: Rng) => {
    if (!head) return sampleToken(logits, offset(j) * V, V, opts, rng);
    const row = offset(j);
    const c = {
      values: head.values,
      ids: head.ids,
      at: row * head.K,
      K: head.K,
      lz: head.lz[row]!,
      mean: head.mean[row]!,
      V,
    };
    return drawFromCandidates(c, opts, rng);
  };
  // The row of the logits (or candidates) batch position j reads. Prefill returns the last position
  // only: every row reads row 0 until the fork.
  let offset = (_j: number) => 0;

  const prof = opts.profile;
  let mark = performance.now();
  const lap = (phase: 'forwardMs' | 'samplingMs' | 'cacheMs') => {
    if (!prof) return;
    const now = performance.now();
    prof[phase] += now - mark;
    mark = now;
  };
  for (;;) {
    if (opts.beforeStep) await opts.beforeStep();
    opts.signal?.throwIfAborted();
    lap('forwardMs');
    const next = batch.map((row, j) => {
      if (row < 0) return padId;
      const { token, logprob, certainty } = draw(j, rngs[row]!);
      const c = out[row]!;
      c.tokens.push(token);
      c.logprobs.push(logprob);
      c.certainties.push(certainty);
      generated++;
      if (decoder.isEos(token)) c.finished = true;
      else if (opts.stop?.(row, c.tokens)) c.stopped = true;
      return token;
    });
    batch = batch.map((row) => {
      const c = out[row];
      return c && !c.finished && !c.stopped && c.tokens.length < opts.maxTokens ? row : -1;
    });
    const live = batch.filter((row) => row >= 0).length;
    lap('samplingMs');
    opts.onStep?.({ done: n - live, running: live, tokens: generated });
    if (live === 0) break;
    opts.memoryCheck?.(batch.length, cache.length + 1);
    let input = cache;
    let tokens = next;
    // Fork on the first step: every live row continues the prompt's single cache row. Later, compaction
    // copies the whole cache, so finished rows ride along (fed padding, outputs ignored) until they are
    // a sizeable share of the batch.
    const fork = cache.batch === 1 && batch.length > 1;
    const dead = batch.length - live;
    if (fork || (dead > 0 && dead >= Math.ceil(COMPACT_FRACTION * batch.length))) {
      const keep = batch.flatMap((row, j) => (row >= 0 ? [j] : []));
      input = await cache.select(fork ? keep.map(() => 0) : keep);
      batch = keep.map((j) => batch[j]!);
      tokens = keep.map((j) => next[j]!);
    }
    if (input !== cache) cache.dispose();
    lap('cacheMs');
    if (prof) prof.steps++;
    const result = await decoder.forward(
      tokens.map((t) => [t]),
      input,
      undefined,
      { fetch },
    );
    input.dispose();
    forwardPasses++;
    cache = result.cache;
    logits = result.logits;
    head = result.candidates;
    offset = (j: number) => j;
  }
  cache.dispose();
  return {
    completions: out,
    cost: {
      promptTokens: prompt.length,
      generatedTokens: generated,
      verifierTokens: 0,
      forwardPasses,
      elapsedMs: performance.now() - started,
    },
  };
}

/**
 * Many samples of one prompt as one batch: prefill the shared prompt once, fork its cache to N rows,
 * decode all rows together with a seeded stream per row, stop rows at end-of-sequence, and drop
 * finished rows from the batch (compaction) so the remaining ones run at their own size.
 */
import type { Rng } from '../core/rng';
import type { Cost } from '../core/types';
import { KvCache, type Decoder } from './decoder';
import { sampleToken, type SamplingParams } from './sampling';

export interface Completion {
  /** Generated token ids, including end-of-sequence when produced. */
  tokens: number[];
  /** Log-prob of each generated token under the model (temperature 1). */
  logprobs: number[];
  /** True when the row produced end-of-sequence (false: it hit maxTokens). */
  finished: boolean;
}

export interface GenerateOptions extends SamplingParams {
  maxTokens: number;
  /** Called after every decode step: rows done so far, rows still running, tokens so far. */
  onStep?: (progress: { done: number; running: number; tokens: number }) => void;
  /** Checked before every decode step: cancellation stops within one step. */
  signal?: AbortSignal;
}

export async function sampleCompletions(
  decoder: Decoder,
  prompt: readonly number[],
  rngs: readonly Rng[],
  opts: GenerateOptions,
): Promise<{ completions: Completion[]; cost: Cost }> {
  const started = performance.now();
  const { vocabSize: V, eosId } = decoder.cfg;
  const n = rngs.length;
  const scratch = new Float64Array(V);
  const out: Completion[] = Array.from({ length: n }, () => ({
    tokens: [],
    logprobs: [],
    finished: false,
  }));
  const prefill = await decoder.forward([prompt], KvCache.empty(decoder.cfg, 1));
  let forwardPasses = 1;
  // Every row starts from the prompt's last logits and row 0 of the prefill cache.
  let active = Array.from({ length: n }, (_, i) => i);
  let cache = prefill.cache;
  let cacheRows = active.map(() => 0);
  let logits = prefill.logits;
  let logitsOffset = (_i: number) => (prompt.length - 1) * V;
  let generated = 0;

  for (;;) {
    opts.signal?.throwIfAborted();
    const next = active.map((row, i) => {
      const { token, logprob } = sampleToken(logits, logitsOffset(i), V, opts, rngs[row]!, scratch);
      const c = out[row]!;
      c.tokens.push(token);
      c.logprobs.push(logprob);
      generated++;
      if (token === eosId) c.finished = true;
      return token;
    });
    const alive = active.flatMap((row, i) =>
      !out[row]!.finished && out[row]!.tokens.length < opts.maxTokens ? [i] : [],
    );
    opts.onStep?.({ done: n - alive.length, running: alive.length, tokens: generated });
    if (alive.length === 0) break;
    // Fork (first step) or compact (rows finished): row j of the new batch continues cache row
    // cacheRows[alive[j]]. When nothing changed, the model's present tensors are used as they are.
    const rows = alive.map((i) => cacheRows[i]!);
    const unchanged = rows.length === cache.batch && rows.every((r, j) => r === j);
    const input = unchanged ? cache : cache.select(rows);
    if (!unchanged) cache.dispose();
    const result = await decoder.forward(
      alive.map((i) => [next[i]!]),
      input,
    );
    input.dispose();
    forwardPasses++;
    cache = result.cache;
    cacheRows = alive.map((_, j) => j);
    active = alive.map((i) => active[i]!);
    logits = result.logits;
    logitsOffset = (i: number) => i * V;
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

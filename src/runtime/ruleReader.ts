/**
 * A decoder as a reading rule's `TokenReader`: teacher-forced reads, batched (right padding is
 * harmless under causal attention), and optionally with the requests' shared prefix — a problem's
 * question, read by every sample — prefilled once and forked to every row (`sharePrefix`). Both ways
 * give the same log-probs (ruleReader.test.ts), to 1e-5.
 */
import type { ReadRequest, TokenReader } from '../core/verifiers/rules/types';
import type { Decoder } from './decoder';
import { logSoftmax } from './sampling';

export interface ReaderOptions {
  /** Sequences per forward pass (default 32). */
  batchSize?: number;
  /** Prefill the requests' common prefix once per batch (default on). */
  sharePrefix?: boolean;
  /** Tokens read so far (the verifier's compute), counted once per prefill. */
  onTokens?: (tokens: number) => void;
  signal?: AbortSignal;
}

function commonPrefix(seqs: readonly (readonly number[])[]): number {
  let n = Math.min(...seqs.map((s) => s.length));
  for (const s of seqs) {
    let i = 0;
    while (i < n && s[i] === seqs[0]![i]) i++;
    n = i;
  }
  return n;
}

export function decoderReader(decoder: Decoder, o: ReaderOptions = {}): TokenReader {
  const { vocabSize: V, padId } = decoder.cfg;
  const lp = new Float64Array(V);
  const pick = (logits: Float32Array, row: number, cands: readonly number[]) => {
    logSoftmax(logits, row * V, V, lp);
    return cands.map((c) => lp[c]!);
  };

  async function batch(chunk: readonly ReadRequest[]): Promise<number[][][]> {
    const seqs = chunk.map((r) => r.ids);
    // Keep at least one token of each sequence outside the prefix (its first read may be there).
    const shared =
      o.sharePrefix === false || chunk.length < 2
        ? 0
        : Math.min(commonPrefix(seqs), Math.min(...seqs.map((s) => s.length)) - 1);
    if (shared <= 0) {
      const W = Math.max(...seqs.map((s) => s.length));
      const padded = seqs.map((s) => [...s, ...new Array<number>(W - s.length).fill(padId)]);
      const { logits, cache } = await decoder.forward(padded, decoder.emptyCache(chunk.length));
      cache.dispose();
      o.onTokens?.(seqs.reduce((t, s) => t + s.length, 0));
      return chunk.map((r, b) => r.at.map((p) => pick(logits, b * W + p, r.candidates)));
    }
    const head = await decoder.forward([seqs[0]!.slice(0, shared)], decoder.emptyCache(1));
    const forked = await head.cache.select(chunk.map(() => 0));
    head.cache.dispose();
    const tails = seqs.map((s) => s.slice(shared));
    const W = Math.max(...tails.map((t) => t.length));
    const out = await decoder.forward(
      tails.map((t) => [...t, ...new Array<number>(W - t.length).fill(padId)]),
      forked,
      {
        mask: tails.map((t) => [
          ...new Array<number>(shared).fill(1),
          ...new Array<number>(W).fill(0).map((_, j) => (j < t.length ? 1 : 0)),
        ]),
        positions: tails.map(() => Array.from({ length: W }, (_, j) => shared + j)),
      },
    );
    forked.dispose();
    out.cache.dispose();
    o.onTokens?.(shared + tails.reduce((t, s) => t + s.length, 0));
    return chunk.map((r, b) =>
      r.at.map((p) =>
        p < shared
          ? pick(head.logits, p, r.candidates)
          : pick(out.logits, b * W + (p - shared), r.candidates),
      ),
    );
  }

  return {
    async read(requests) {
      const size = o.batchSize ?? 32;
      const out: number[][][] = [];
      for (let i = 0; i < requests.length; i += size) {
        o.signal?.throwIfAborted();
        out.push(...(await batch(requests.slice(i, i + size))));
      }
      return out;
    },
  };
}

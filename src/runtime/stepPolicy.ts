/**
 * The step-level policy of tree search over a decoder: extends a batch of partial solutions by one
 * step each (up to the step delimiter, end-of-sequence or a length limit). Rows that have finished
 * their step wait, fed masked padding, until the batch's last row finishes.
 *
 * Branching reuses the KV cache: the batch's cache is kept after each call, and a request that
 * extends one of its rows (beam search, DVTS and particle filtering extend the nodes they just made)
 * gathers that row instead of re-reading its prefix. Other prefixes (MCTS and best-first jump around
 * the tree) are prefilled once per distinct prefix as a left-padded batch; both kinds are forked to
 * the requests that share them.
 */
import { requestStream } from '../core/rng';
import type { StepPolicy, StepProposal, StepRequest } from '../core/search/types';
import type { Task } from '../core/tasks/task';
import { promptIds, type Codec } from './drawSamples';
import { KvCache, type Decoder } from './decoder';
import { sampleToken, type SamplingParams } from './sampling';

export interface StepPolicyOptions extends Omit<SamplingParams, 'temperature'> {
  /** Longest step; a longer one is cut and ends the solution. */
  maxStepTokens: number;
  /** Longest completion (all steps); reaching it ends the solution. */
  maxTokens: number;
  /** Keep the cache between calls (default). Off: every call prefills its prefixes (for comparison). */
  reuseCache?: boolean;
}

/** Distinct prefixes of one call, as cache rows ready to sample the next token from. */
interface Rows {
  cache: KvCache;
  /** [rows, V] logits of each row's next token. */
  logits: Float32Array;
  /** Per row: attention mask over the cache's positions (0 = padding). */
  masks: number[][];
  /** Per row: the position of its next token. */
  next: number[];
  /** Per row: completion tokens so far (the length limit counts them). */
  completion: number[];
}

/** A row of the kept cache that ends with an unfinished step: its delimiter is not fed yet. */
interface Kept {
  row: number;
  mask: number[];
  next: number;
  pending: number;
  completion: number;
}

const keyOf = (steps: readonly string[]) => steps.join('\u0000');

/**
 * Tokens whose text ends a step: the delimiter itself and, for BPE vocabularies, the tokens that end
 * with it (Qwen's ".\n\n", ":\n\n", …), which a model writes as often as the bare delimiter. Found
 * once per policy by decoding the vocabulary.
 */
function delimiterTokens(codec: Codec, delimiter: string, V: number): Set<number> {
  const ids = new Set<number>();
  for (let t = 0; t < V; t++) {
    let text: string;
    try {
      text = codec.decode([t]);
    } catch {
      continue; // ids past the tokenizer's table (configs pad the vocabulary)
    }
    if (text.endsWith(delimiter)) ids.add(t);
  }
  return ids;
}

export function decoderStepPolicy(
  decoder: Decoder,
  task: Task,
  codec: Codec,
  opts: StepPolicyOptions,
): StepPolicy {
  const { bosId, padId, vocabSize: V } = decoder.cfg;
  const delimiter = task.stepDelimiter;
  const ends = delimiterTokens(codec, delimiter, V);
  if (ends.size === 0)
    throw new Error(
      `no token of this model ends with the step delimiter ${JSON.stringify(delimiter)}`,
    );
  let kept: { prompt: string; cache: KvCache; rows: Map<string, Kept> } | null = null;

  /** Left-pads every part to one cache length and joins their rows. */
  async function join(parts: Rows[]): Promise<Rows> {
    if (parts.length === 1) return parts[0]!;
    const L = Math.max(...parts.map((p) => p.cache.length));
    const aligned = await Promise.all(
      parts.map(async (p) => {
        const pad = L - p.cache.length;
        if (pad === 0) return p;
        const cols = [...new Array<number>(pad).fill(-1), ...p.cache.positionsRange()];
        const cache = await p.cache.gather(p.cache.rowsRange(), cols);
        p.cache.dispose();
        return {
          ...p,
          cache,
          masks: p.masks.map((m) => [...new Array<number>(pad).fill(0), ...m]),
        };
      }),
    );
    const logits = new Float32Array(aligned.reduce((n, p) => n + p.logits.length, 0));
    let at = 0;
    for (const p of aligned) {
      logits.set(p.logits, at);
      at += p.logits.length;
    }
    const cache = await KvCache.concatRows(aligned.map((p) => p.cache));
    for (const p of aligned) p.cache.dispose();
    return {
      cache,
      logits,
      masks: aligned.flatMap((p) => p.masks),
      next: aligned.flatMap((p) => p.next),
      completion: aligned.flatMap((p) => p.completion),
    };
  }

  /** Prefills prefixes as one left-padded batch; keeps only the last position's logits. */
  async function prefill(prompt: number[], prefixes: StepRequest[]): Promise<Rows> {
    const bodies = prefixes.map((r) =>
      r.steps.length === 0
        ? []
        : codec.encode(r.steps.join(task.stepDelimiter) + task.stepDelimiter),
    );
    const ids = bodies.map((b) => [...prompt, ...b]);
    const width = Math.max(...ids.map((x) => x.length));
    const masks = ids.map((x) => [
      ...new Array<number>(width - x.length).fill(0),
      ...new Array<number>(x.length).fill(1),
    ]);
    const out = await decoder.forward(
      ids.map((x) => [...new Array<number>(width - x.length).fill(padId), ...x]),
      decoder.emptyCache(ids.length),
      {
        mask: masks,
        positions: ids.map((x) =>
          Array.from({ length: width }, (_, t) => Math.max(0, t - (width - x.length))),
        ),
      },
    );
    const logits = new Float32Array(ids.length * V);
    ids.forEach((_, b) =>
      logits.set(out.logits.subarray((b * width + width - 1) * V, (b * width + width) * V), b * V),
    );
    return {
      cache: out.cache,
      logits,
      masks,
      next: ids.map((x) => x.length),
      completion: bodies.map((b) => b.length),
    };
  }

  /** Gathers kept rows (dropping positions none of them attends to) and feeds their delimiters. */
  async function resume(from: KvCache, rows: Kept[]): Promise<Rows> {
    const cols = [...from.positionsRange()].filter((c) => rows.some((r) => r.mask[c] === 1));
    const cache = await from.gather(
      rows.map((r) => r.row),
      cols,
    );
    const masks = rows.map((r) => [...cols.map((c) => r.mask[c]!), 1]);
    const out = await decoder.forward(
      rows.map((r) => [r.pending]),
      cache,
      { mask: masks, positions: rows.map((r) => [r.next]) },
    );
    cache.dispose();
    return {
      cache: out.cache,
      logits: out.logits,
      masks,
      next: rows.map((r) => r.next + 1),
      completion: rows.map((r) => r.completion),
    };
  }

  return {
    async propose(problem, requests, temperature) {
      const promptText = task.prompt(problem);
      const prompt = promptIds(codec, bosId, promptText);
      // A request for the root starts a search: nothing kept from another one is reused, so a
      // search's samples do not depend on what ran before it.
      if (kept && (kept.prompt !== promptText || requests.some((r) => r.steps.length === 0))) {
        kept.cache.dispose();
        kept = null;
      }
      const keys = requests.map((r) => keyOf(r.steps));
      const distinct = [...new Set(keys)];
      const reuse = opts.reuseCache !== false ? kept : null;
      const resumed = reuse ? distinct.filter((k) => reuse.rows.has(k)) : [];
      const fresh = distinct.filter((k) => !reuse?.rows.has(k));
      const parts: Rows[] = [];
      let forwardPasses = 0;
      let promptTokens = 0;
      if (fresh.length > 0) {
        const part = await prefill(
          prompt,
          fresh.map((k) => requests[keys.indexOf(k)]!),
        );
        promptTokens += part.next.reduce((s, n) => s + n, 0);
        parts.push(part);
        forwardPasses++;
      }
      if (reuse && resumed.length > 0) {
        parts.push(
          await resume(
            reuse.cache,
            resumed.map((k) => reuse.rows.get(k)!),
          ),
        );
        forwardPasses++;
      }
      if (kept) kept.cache.dispose();
      kept = null;
      const start = await join(parts);
      const order = [...fresh, ...resumed];
      const rowOf = new Map(order.map((k, i) => [k, i]));

      // Fork: request i continues its prefix's row.
      const source = keys.map((k) => rowOf.get(k)!);
      let cache = await start.cache.select(source);
      start.cache.dispose();
      const masks = source.map((g) => [...start.masks[g]!]);
      const next = source.map((g) => start.next[g]!);
      let logits = start.logits;
      let offset = (j: number) => source[j]! * V;
      const rngs = requests.map((r) => requestStream(r.seed));
      const rows = requests.map(() => ({
        tokens: [] as number[],
        logprob: 0,
        done: false,
        finished: false,
      }));
      const params = { ...opts, temperature };

      for (;;) {
        const fed = rows.map((row, j) => {
          if (row.done) return padId;
          const { token, logprob } = sampleToken(logits, offset(j), V, params, rngs[j]!);
          row.tokens.push(token);
          row.logprob += logprob;
          const completion = start.completion[source[j]!]! + row.tokens.length;
          if (decoder.isEos(token)) row.finished = row.done = true;
          else if (ends.has(token)) row.done = true;
          else if (row.tokens.length >= opts.maxStepTokens || completion >= opts.maxTokens)
            row.finished = row.done = true;
          return row.done ? padId : token;
        });
        if (rows.every((r) => r.done)) break;
        const live = rows.map((r) => !r.done);
        masks.forEach((m, j) => m.push(live[j] ? 1 : 0));
        const positions = next.map((p, j) => [live[j] ? p : 0]);
        next.forEach((p, j) => (next[j] = live[j] ? p + 1 : p));
        const out = await decoder.forward(
          fed.map((t) => [t]),
          cache,
          { mask: masks, positions },
        );
        forwardPasses++;
        cache.dispose();
        cache = out.cache;
        logits = out.logits;
        offset = (j: number) => j * V;
      }
      const steps = rows.map((row): StepProposal => {
        const ids = row.tokens.filter((t) => !decoder.isEos(t));
        const whole = codec.decode(ids);
        const text = whole.endsWith(delimiter) ? whole.slice(0, -delimiter.length) : whole;
        return {
          text,
          tokens: row.tokens.length,
          logprob: row.logprob,
          // The answer step ends a solution even when the model writes a delimiter after it.
          finished: row.finished || task.endsSolution(text),
        };
      });
      // Keep the rows a later call may extend: their step ended at the delimiter, not yet fed.
      const extendable = new Map<string, Kept>();
      rows.forEach((row, j) => {
        const last = row.tokens[row.tokens.length - 1]!;
        if (steps[j]!.finished || !ends.has(last)) return;
        extendable.set(keyOf([...requests[j]!.steps, steps[j]!.text]), {
          row: j,
          mask: masks[j]!,
          next: next[j]!,
          pending: last,
          completion: start.completion[source[j]!]! + row.tokens.length,
        });
      });
      if (opts.reuseCache !== false && extendable.size > 0)
        kept = { prompt: promptText, cache, rows: extendable };
      else cache.dispose();
      return { steps, promptTokens, forwardPasses };
    },
  };
}

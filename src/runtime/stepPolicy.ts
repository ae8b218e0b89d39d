/**
 * The step-level policy of tree search over a decoder: extends a batch of partial solutions by one
 * step each (up to the step delimiter, end-of-sequence or a length limit). Distinct prefixes are
 * prefilled once as one left-padded batch and forked to the requests that share them; rows that have
 * finished their step wait, fed masked padding, until the batch's last row finishes.
 */
import { Rng } from '../core/rng';
import type { StepPolicy, StepProposal } from '../core/search/types';
import type { Task } from '../core/tasks/task';
import type { Codec } from './drawSamples';
import { KvCache, type Decoder } from './decoder';
import { sampleToken, type SamplingParams } from './sampling';

export interface StepPolicyOptions extends Omit<SamplingParams, 'temperature'> {
  /** Longest step; a longer one is cut and ends the solution. */
  maxStepTokens: number;
  /** Longest completion (all steps); reaching it ends the solution. */
  maxTokens: number;
}

export function decoderStepPolicy(
  decoder: Decoder,
  task: Task,
  codec: Codec,
  opts: StepPolicyOptions,
): StepPolicy {
  const { bosId, eosId, padId, vocabSize: V } = decoder.cfg;
  const [newline] = codec.encode(task.stepDelimiter);
  if (newline === undefined || codec.encode(task.stepDelimiter).length !== 1)
    throw new Error('step search needs a one-token step delimiter');
  const scratch = new Float64Array(V);

  return {
    async propose(problem, requests, temperature) {
      const prompt = [bosId, ...codec.encode(task.prompt(problem))];
      const body = (steps: readonly string[]) =>
        steps.length === 0 ? [] : codec.encode(steps.join(task.stepDelimiter) + task.stepDelimiter);
      // One prefill row per distinct prefix.
      const keys = requests.map((r) => r.steps.join('\u0000'));
      const distinct = [...new Set(keys)];
      const rowOf = new Map(distinct.map((k, i) => [k, i]));
      const prefixes = distinct.map((k) => {
        const r = requests[keys.indexOf(k)]!;
        return { ids: [...prompt, ...body(r.steps)], completion: body(r.steps).length };
      });
      const width = Math.max(...prefixes.map((p) => p.ids.length));
      const pre = await decoder.forward(
        prefixes.map((p) => [...new Array<number>(width - p.ids.length).fill(padId), ...p.ids]),
        KvCache.empty(decoder.cfg, prefixes.length),
        {
          mask: prefixes.map((p) => [
            ...new Array<number>(width - p.ids.length).fill(0),
            ...new Array<number>(p.ids.length).fill(1),
          ]),
          positions: prefixes.map((p) =>
            Array.from({ length: width }, (_, t) => Math.max(0, t - (width - p.ids.length))),
          ),
        },
      );
      let forwardPasses = 1;
      // Fork: request i continues its prefix's cache row.
      const source = keys.map((k) => rowOf.get(k)!);
      let cache = pre.cache.select(source);
      pre.cache.dispose();
      const masks = source.map((g) => {
        const len = prefixes[g]!.ids.length;
        return [...new Array<number>(width - len).fill(0), ...new Array<number>(len).fill(1)];
      });
      const next = source.map((g) => prefixes[g]!.ids.length);
      let logits = pre.logits;
      let offset = (j: number) => (source[j]! * width + width - 1) * V;
      const rngs = requests.map((r) => Rng.fromSeed(r.seed, 'step'));
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
          const { token, logprob } = sampleToken(logits, offset(j), V, params, rngs[j]!, scratch);
          row.tokens.push(token);
          row.logprob += logprob;
          const completion = prefixes[source[j]!]!.completion + row.tokens.length;
          if (token === eosId) row.finished = row.done = true;
          else if (token === newline) row.done = true;
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
      cache.dispose();
      const steps = rows.map((row): StepProposal => {
        const ids = row.tokens.filter((t) => t !== eosId && t !== newline);
        const text = codec.decode(ids);
        return {
          text,
          tokens: row.tokens.length,
          logprob: row.logprob,
          // The answer line ends a solution even when the model writes a delimiter after it.
          finished: row.finished || text.startsWith('A:'),
        };
      });
      return { steps, promptTokens: prefixes.reduce((s, p) => s + p.ids.length, 0), forwardPasses };
    },
  };
}

/**
 * Logit parity between ONNX Runtime and the PyTorch fixture written by training/export.py: a full
 * forward, and a forward of the completion over a past cache built from the prompt.
 */
import * as ort from 'onnxruntime-web';
import { generativeScores } from '../core/verifiers/generative';

export interface ParityCase {
  problem: string;
  text: string;
  ids: number[];
  promptLength: number;
  logits: number[][];
  pastLogits: number[][];
  greedy: number[];
  /** The model read as a generative verifier on the reference completion (PyTorch). */
  scores?: { steps: number[]; outcome: number };
}

export interface ParityFixture {
  model: string;
  cases: ParityCase[];
}

export interface DecoderShape {
  num_hidden_layers: number;
  num_key_value_heads: number;
  head_dim: number;
}

const int64 = (xs: number[], dims: number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), dims);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function emptyPast(config: DecoderShape): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (let i = 0; i < config.num_hidden_layers; i++) {
    for (const kv of ['key', 'value']) {
      feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [
        1,
        config.num_key_value_heads,
        0,
        config.head_dim,
      ]);
    }
  }
  return feeds;
}

function maxAbsDiff(data: Float32Array, expected: number[][]): number {
  const V = expected[0]!.length;
  let d = 0;
  expected.forEach((row, t) =>
    row.forEach((x, v) => (d = Math.max(d, Math.abs(data[t * V + v]! - x)))),
  );
  return d;
}

/** Log-probs of each next token of `ids` from [T, V] logits: entry t scores ids[t + 1]. */
export function nextTokenLogprobs(
  logits: Float32Array,
  ids: readonly number[],
  V: number,
): Float64Array {
  const out = new Float64Array(ids.length - 1);
  for (let t = 0; t + 1 < ids.length; t++) {
    let max = -Infinity;
    for (let v = 0; v < V; v++) max = Math.max(max, logits[t * V + v]!);
    let z = 0;
    for (let v = 0; v < V; v++) z += Math.exp(logits[t * V + v]! - max);
    out[t] = logits[t * V + ids[t + 1]!]! - max - Math.log(z);
  }
  return out;
}

/**
 * Largest absolute differences per case: logits of the full forward and of the past-cache forward, and
 * the generative-verifier step scores computed from ONNX Runtime's logits by the engine's reading rule.
 */
export async function logitParity(model: Uint8Array, config: DecoderShape, fixture: ParityFixture) {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  const results: { problem: string; full: number; past: number; scores: number }[] = [];
  try {
    for (const c of fixture.cases) {
      const T = c.ids.length;
      const P = c.promptLength;
      const full = await session.run({
        input_ids: int64(c.ids, [1, T]),
        attention_mask: int64(
          c.ids.map(() => 1),
          [1, T],
        ),
        position_ids: int64(range(0, T), [1, T]),
        ...emptyPast(config),
      });
      const prefix = await session.run({
        input_ids: int64(c.ids.slice(0, P), [1, P]),
        attention_mask: int64(
          range(0, P).map(() => 1),
          [1, P],
        ),
        position_ids: int64(range(0, P), [1, P]),
        ...emptyPast(config),
      });
      const past: Record<string, ort.Tensor> = {};
      for (const name of session.outputNames.filter((n) => n.startsWith('present.'))) {
        past[name.replace('present.', 'past_key_values.')] = prefix[name]!;
      }
      const rest = await session.run({
        input_ids: int64(c.ids.slice(P), [1, T - P]),
        attention_mask: int64(
          c.ids.map(() => 1),
          [1, T],
        ),
        position_ids: int64(range(P, T), [1, T - P]),
        ...past,
      });
      const fullLogits = full.logits!.data as Float32Array;
      let scores = 0;
      if (c.scores) {
        const lp = nextTokenLogprobs(fullLogits, c.ids, c.logits[0]!.length);
        const completion = c.text.slice(P - 1); // the prompt is <s> plus P − 1 characters
        const ours = generativeScores(completion, lp.subarray(P - 1), true);
        scores = Math.max(
          Math.abs(ours.outcome! - c.scores.outcome),
          ...ours.steps.map((x, i) => Math.abs(x - c.scores!.steps[i]!)),
        );
        if (ours.steps.length !== c.scores.steps.length) scores = Infinity;
      }
      results.push({
        problem: c.problem,
        full: maxAbsDiff(fullLogits, c.logits),
        past: maxAbsDiff(rest.logits!.data as Float32Array, c.pastLogits),
        scores,
      });
    }
  } finally {
    await session.release();
  }
  return results;
}

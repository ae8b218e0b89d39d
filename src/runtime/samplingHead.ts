/**
 * A sampling head spliced onto a big-vocabulary decoder: from the logits, ONNX Runtime computes
 * log Σ exp (the softmax normalizer), the mean logit (for self-certainty) and the top K logits with
 * their ids (TopK: ties to the lower id, as the ONNX spec defines), so a decode step fetches O(B·K)
 * numbers instead of B × V floats (9.7 MB at B = 16, V = 152k), and the vocabulary-wide passes run in
 * the runtime's SIMD kernels, on the GPU under WebGPU. The model file is untouched; this edits the
 * bytes handed to the session. Draws from the candidates equal the full sampler's whenever top-k
 * ≤ K (sampling.ts, `drawFromCandidates`).
 */
import { ELEM, valueInfo, Writer } from './onnxGraph';
import { appendToGraph, defaultOpset } from './onnxRead';

/** Candidates per row. Qwen3 and Llama ship top_k = 20; larger top-k falls back to full logits. */
export const HEAD_K = 64;

export const HEAD_OUTPUTS = {
  lse: 'ttc_head/lse',
  mean: 'ttc_head/mean',
  values: 'ttc_head/top_values',
  ids: 'ttc_head/top_ids',
} as const;

function node(
  op: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, number | number[]> = {},
): Writer {
  const n = new Writer();
  for (const i of inputs) n.str(1, i);
  for (const o of outputs) n.str(2, o);
  n.str(3, outputs[0]!).str(4, op);
  for (const [name, v] of Object.entries(attrs)) {
    const a = new Writer().str(1, name);
    if (Array.isArray(v)) {
      for (const x of v) a.int(8, x);
      a.int(20, 7); // INTS
    } else a.int(3, v).int(20, 2); // INT
    n.msg(5, a);
  }
  return n;
}

function int64Tensor(name: string, values: number[]): Writer {
  const t = new Writer();
  t.int(1, values.length).int(2, ELEM.int64).str(8, name);
  const raw = new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer);
  return t.raw(9, raw);
}

/** The model with the head's four outputs added ([B, T, 1] ×2 float32, [B, T, K] float32 and int64). */
export function withSamplingHead(
  model: Uint8Array,
  logitsType: 'float32' | 'float16',
  k = HEAD_K,
): Uint8Array {
  const g = new Writer();
  let logits = 'logits';
  if (logitsType === 'float16') {
    g.msg(1, node('Cast', ['logits'], ['ttc_head/logits32'], { to: ELEM.float32 }));
    logits = 'ttc_head/logits32';
  }
  // Reductions take their axes as an attribute until opset 18, as an input from then on.
  const axesAsInput = defaultOpset(model) >= 18;
  if (axesAsInput) g.msg(5, int64Tensor('ttc_head/axes', [2]));
  const reduce = (op: string, out: string) =>
    axesAsInput
      ? node(op, [logits, 'ttc_head/axes'], [out], { keepdims: 1 })
      : node(op, [logits], [out], { axes: [2], keepdims: 1 });
  g.msg(1, reduce('ReduceLogSumExp', HEAD_OUTPUTS.lse));
  g.msg(1, reduce('ReduceMean', HEAD_OUTPUTS.mean));
  g.msg(5, int64Tensor('ttc_head/k', [k]));
  g.msg(
    1,
    node('TopK', [logits, 'ttc_head/k'], [HEAD_OUTPUTS.values, HEAD_OUTPUTS.ids], {
      axis: 2,
      largest: 1,
      sorted: 1,
    }),
  );
  g.msg(12, valueInfo(HEAD_OUTPUTS.lse, 'float32', 3));
  g.msg(12, valueInfo(HEAD_OUTPUTS.mean, 'float32', 3));
  g.msg(12, valueInfo(HEAD_OUTPUTS.values, 'float32', 3));
  g.msg(12, valueInfo(HEAD_OUTPUTS.ids, 'int64', 3));
  return appendToGraph(model, g.bytes);
}

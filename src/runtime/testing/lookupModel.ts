/**
 * A lookup-table decoder for testing reading rules: its logits at every position are a row of a
 * given table, indexed by the token there — so every log-prob a rule reads is known exactly. Written
 * in code (onnxGraph.ts) in transformers.js's decoder I/O convention (one layer of a one-wide KV
 * cache that carries nothing), so the runtime's `Decoder` loads and batches it like any model.
 */
import { graphModel } from '../onnxGraph';

export interface LookupModel {
  onnx: Uint8Array;
  /** config.json for `decoderConfig`. */
  config: Record<string, unknown>;
}

/** `table[t]`: the logits after token t (V rows of V). */
export function lookupModel(table: readonly (readonly number[])[], eos = 0): LookupModel {
  const V = table.length;
  if (table.some((r) => r.length !== V)) throw new Error('the table must be V × V');
  const data = new Float32Array(V * V);
  table.forEach((r, t) => data.set(r, t * V));
  const onnx = graphModel(
    [
      { name: 'input_ids', elem: 'int64', rank: 2 },
      { name: 'attention_mask', elem: 'int64', rank: 2 },
      { name: 'position_ids', elem: 'int64', rank: 2 },
      { name: 'past_key_values.0.key', elem: 'float32', rank: 4 },
      { name: 'past_key_values.0.value', elem: 'float32', rank: 4 },
    ],
    [
      {
        op: 'Gather',
        inputs: ['table', 'input_ids'],
        outputs: ['logits'],
        attributes: { axis: 0 },
      },
      { op: 'Cast', inputs: ['input_ids'], outputs: ['ids_f'], attributes: { to: 1 } },
      { op: 'Mul', inputs: ['ids_f', 'zero'], outputs: ['z'] },
      { op: 'Unsqueeze', inputs: ['z', 'axes'], outputs: ['z4'] },
      {
        op: 'Concat',
        inputs: ['past_key_values.0.key', 'z4'],
        outputs: ['present.0.key'],
        attributes: { axis: 2 },
      },
      {
        op: 'Concat',
        inputs: ['past_key_values.0.value', 'z4'],
        outputs: ['present.0.value'],
        attributes: { axis: 2 },
      },
    ],
    [
      ['logits', 'float32', 3],
      ['present.0.key', 'float32', 4],
      ['present.0.value', 'float32', 4],
    ],
    3,
    'float32',
    [
      { name: 'table', dims: [V, V], data },
      { name: 'zero', dims: [], data: new Float32Array([0]) },
      { name: 'axes', dims: [2], data: new BigInt64Array([1n, 3n]) },
    ],
  );
  return {
    onnx,
    config: {
      model_type: 'llama',
      vocab_size: V,
      hidden_size: 1,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      num_key_value_heads: 1,
      head_dim: 1,
      bos_token_id: 0,
      eos_token_id: eos,
      pad_token_id: 0,
    },
  };
}

/** A token classifier whose two logits at each position are `table[token]` (V rows of 2). */
export function lookupClassifier(table: readonly (readonly [number, number])[]): Uint8Array {
  const data = new Float32Array(table.length * 2);
  table.forEach(([a, b], t) => data.set([a, b], t * 2));
  return graphModel(
    [
      { name: 'input_ids', elem: 'int64', rank: 2 },
      { name: 'attention_mask', elem: 'int64', rank: 2 },
    ],
    [
      {
        op: 'Gather',
        inputs: ['table', 'input_ids'],
        outputs: ['logits'],
        attributes: { axis: 0 },
      },
    ],
    ['logits'],
    3,
    'float32',
    [{ name: 'table', dims: [table.length, 2], data }],
  );
}

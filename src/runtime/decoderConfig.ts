/**
 * What the decoder needs from a model's Hugging Face `config.json` (and `generation_config.json`, which
 * hub models use to list more than one end-of-sequence token: Qwen3 stops at `<|im_end|>` and
 * `<|endoftext|>`). No ONNX Runtime import: safe on the page.
 */

export interface DecoderConfig {
  layers: number;
  /** Key/value heads (grouped-query attention: fewer than the query heads). */
  kvHeads: number;
  /** Per-head width; Qwen3 sets it apart from hidden_size / num_attention_heads. */
  headDim: number;
  vocabSize: number;
  bosId: number;
  /** The first end-of-sequence id: what a verifier appends to a finished sample. */
  eosId: number;
  /** Every id that ends a sequence (array-valued `eos_token_id`, from either file). */
  eosIds: readonly number[];
  padId: number;
}

function ids(v: unknown): number[] {
  if (typeof v === 'number' && Number.isInteger(v)) return [v];
  if (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((x) => typeof x === 'number' && Number.isInteger(x))
  )
    return v as number[];
  return [];
}

/** Reads the fields we need; a missing or malformed one is named in the error. */
export function decoderConfig(
  json: Record<string, unknown>,
  generation: Record<string, unknown> = {},
): DecoderConfig {
  const num = (k: string, fallback?: number) => {
    const v = json[k] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`config.json has no numeric "${k}"`);
    return v;
  };
  const heads = num('num_attention_heads');
  const eosIds = [...new Set([...ids(generation['eos_token_id']), ...ids(json['eos_token_id'])])];
  if (eosIds.length === 0) throw new Error('config.json has no "eos_token_id"');
  const bos = ids(json['bos_token_id'] ?? generation['bos_token_id'])[0];
  if (bos === undefined) throw new Error('config.json has no numeric "bos_token_id"');
  const pad = ids(json['pad_token_id'] ?? generation['pad_token_id'])[0] ?? 0;
  return {
    layers: num('num_hidden_layers'),
    kvHeads: num('num_key_value_heads', heads),
    headDim: num('head_dim', num('hidden_size') / heads),
    vocabSize: num('vocab_size'),
    bosId: bos,
    eosId: ids(json['eos_token_id'])[0] ?? eosIds[0]!,
    eosIds,
    padId: pad,
  };
}

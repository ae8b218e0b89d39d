/** Facts read from a model's config.json without loading it (no ONNX Runtime import: safe on the page). */

/** Parameter count of a Llama-style decoder from its config.json (for FLOPs ≈ 2·params·tokens). */
export function llamaParameters(json: Record<string, unknown>): number {
  const n = (k: string) => (typeof json[k] === 'number' ? (json[k] as number) : 0);
  const d = n('hidden_size');
  const heads = n('num_attention_heads');
  const kv = (n('num_key_value_heads') || heads) * (n('head_dim') || d / heads);
  const perLayer = 2 * d * d + 2 * d * kv + 3 * d * n('intermediate_size') + 2 * d;
  const embeddings = n('vocab_size') * d * (json['tie_word_embeddings'] === false ? 2 : 1);
  return n('num_hidden_layers') * perLayer + embeddings + d;
}

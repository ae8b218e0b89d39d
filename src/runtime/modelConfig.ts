/** Facts read from a model's config.json without loading it (no ONNX Runtime import: safe on the page). */
import { isRule, RULE_DEFAULTS, type RuleSpec } from '../core/verifiers/rules';

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

/** What decoding reads from memory per step (Kinetics): the weights, and the KV cache per position. */
export interface ModelMemory {
  weightBytes: number;
  /** 2 (K and V) · layers · KV heads · head dim · bytes per element. */
  kvBytesPerToken: number;
}

/** A Llama-style decoder's memory facts from its config.json, at the given element sizes. */
export function llamaMemory(
  json: Record<string, unknown>,
  bytesPerWeight: number,
  bytesPerKv: number,
): ModelMemory {
  const n = (k: string) => (typeof json[k] === 'number' ? (json[k] as number) : 0);
  const heads = n('num_attention_heads');
  const headDim = n('head_dim') || n('hidden_size') / heads;
  const kvHeads = n('num_key_value_heads') || heads;
  return {
    weightBytes: llamaParameters(json) * bytesPerWeight,
    kvBytesPerToken: 2 * n('num_hidden_layers') * kvHeads * headDim * bytesPerKv,
  };
}

/** The config.json key under which a built-in reward model states how it is read. */
export const READING_RULE_KEY = 'ttc_reading_rule';

/**
 * A model's own reading rule from its config.json (the built-in tag PRM says it is read by the
 * step-tag rule with its own tag and verdict tokens), or null: a model without one is read by the
 * generative rule. Unknown rules and parameters that are not the rule's are refused, not guessed.
 */
export function readingRule(json: Record<string, unknown>): RuleSpec | null {
  const raw = json[READING_RULE_KEY];
  if (raw === undefined) return null;
  const r = raw as { rule?: unknown; params?: unknown };
  if (typeof r?.rule !== 'string' || !isRule(r.rule))
    throw new Error(`config.json: ${READING_RULE_KEY} names no known rule`);
  const defaults = RULE_DEFAULTS[r.rule] as unknown as Record<string, unknown>;
  const params = (r.params ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(params))
    if (!Object.hasOwn(defaults, k) || typeof v !== typeof defaults[k])
      throw new Error(`config.json: ${READING_RULE_KEY}: ${k} is not a ${r.rule} parameter`);
  return { rule: r.rule, params: { ...defaults, ...params } } as unknown as RuleSpec;
}

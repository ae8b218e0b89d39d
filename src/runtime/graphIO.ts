/**
 * What a decoder graph takes and gives, read from the session instead of assumed: exports differ in
 * whether they take `position_ids` (ORT's fused GroupQueryAttention computes positions itself), whether
 * they can return the last position's logits only (`num_logits_to_keep`), and in the type of their
 * caches and logits (fp16 and q4f16 exports keep both in float16).
 */
import type * as ort from 'onnxruntime-web';

export type CacheType = 'float32' | 'float16';

export interface GraphIO {
  /** Cache inputs and outputs, key then value per layer. */
  past: string[];
  present: string[];
  cacheType: CacheType;
  logitsType: CacheType;
  positionIds: boolean;
  numLogitsToKeep: boolean;
}

function tensorType(meta: readonly ort.InferenceSession.ValueMetadata[], name: string): CacheType {
  const m = meta.find((x) => x.name === name);
  const type = m && m.isTensor ? m.type : 'float32';
  if (type !== 'float32' && type !== 'float16')
    throw new Error(`${name} is ${type}; only float32 and float16 models can run here`);
  return type;
}

export function readGraphIO(session: ort.InferenceSession, layers: number): GraphIO {
  const past: string[] = [];
  const present: string[] = [];
  for (let i = 0; i < layers; i++) {
    for (const part of ['key', 'value']) {
      past.push(`past_key_values.${i}.${part}`);
      present.push(`present.${i}.${part}`);
    }
  }
  const inputs = new Set(session.inputNames);
  const outputs = new Set(session.outputNames);
  for (const name of ['input_ids', 'attention_mask', ...past])
    if (!inputs.has(name))
      throw new Error(`the model takes no input "${name}" (not a decoder with a KV cache?)`);
  for (const name of ['logits', ...present])
    if (!outputs.has(name)) throw new Error(`the model gives no output "${name}"`);
  const known = new Set([
    'input_ids',
    'attention_mask',
    'position_ids',
    'num_logits_to_keep',
    ...past,
  ]);
  const extra = session.inputNames.filter((n) => !known.has(n));
  if (extra.length)
    throw new Error(`the model takes inputs this runtime does not feed: ${extra.join(', ')}`);
  return {
    past,
    present,
    cacheType: tensorType(session.inputMetadata, past[0]!),
    logitsType: tensorType(session.outputMetadata, 'logits'),
    positionIds: inputs.has('position_ids'),
    numLogitsToKeep: inputs.has('num_logits_to_keep'),
  };
}

/** float16 bits → float32, by table (65,536 entries): logits of fp16 models are read this way. */
let HALF: Float32Array | null = null;
function halfTable(): Float32Array {
  if (HALF) return HALF;
  HALF = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    HALF[h] =
      e === 0
        ? s * m * 2 ** -24
        : e === 31
          ? m
            ? NaN
            : s * Infinity
          : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return HALF;
}

export function halfToFloat(bits: Uint16Array): Float32Array {
  const table = halfTable();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]!]!;
  return out;
}

/** A tensor's data as float32, whichever float type it holds. */
export function asFloat32(t: ort.Tensor): Float32Array {
  if (t.type === 'float32') return t.data as Float32Array;
  if (t.type === 'float16') {
    const d = t.data as unknown;
    // ORT hands float16 back as Uint16Array bits, or as Float16Array where the platform has one.
    return d instanceof Uint16Array ? halfToFloat(d) : Float32Array.from(d as ArrayLike<number>);
  }
  throw new Error(`expected float logits, got ${t.type}`);
}

/**
 * A decoder-only ONNX model in transformers.js's I/O convention, over ONNX Runtime's common API, so the
 * same code runs in a worker and in Node. The KV cache is a list of `present.*` tensors per layer.
 */
import * as ort from 'onnxruntime-web';
import { Float32Pool } from './bufferPool';
import { SessionKvOps, type KvOps } from './kvOps';
import { exposeNewKv } from './newKvOutputs';

/** CPU cache storage recycled between forks, compactions and steps (one per worker or process). */
const cpuBuffers = new Float32Pool();

export interface DecoderConfig {
  layers: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  bosId: number;
  eosId: number;
  padId: number;
}

/** Reads the fields we need from a Hugging Face `config.json`. */
export function decoderConfig(json: Record<string, unknown>): DecoderConfig {
  const num = (k: string, fallback?: number) => {
    const v = json[k] ?? fallback;
    if (typeof v !== 'number') throw new Error(`config.json has no numeric "${k}"`);
    return v;
  };
  const heads = num('num_attention_heads');
  return {
    layers: num('num_hidden_layers'),
    kvHeads: num('num_key_value_heads', heads),
    headDim: num('head_dim', num('hidden_size') / heads),
    vocabSize: num('vocab_size'),
    bosId: num('bos_token_id'),
    eosId: num('eos_token_id'),
    padId: num('pad_token_id', 0),
  };
}

/**
 * Per-layer keys and values for `batch` rows of `length` positions (row-major [B, H, S, D]). With
 * `ops` the tensors live on the GPU and are reshuffled there; without, they are JS arrays copied on
 * the CPU.
 */
export class KvCache {
  constructor(
    readonly tensors: ort.Tensor[],
    readonly batch: number,
    readonly length: number,
    readonly ops: KvOps | null = null,
  ) {}

  static empty(cfg: DecoderConfig, batch: number): KvCache {
    const tensors = Array.from(
      { length: 2 * cfg.layers },
      () => new ort.Tensor('float32', new Float32Array(0), [batch, cfg.kvHeads, 0, cfg.headDim]),
    );
    return new KvCache(tensors, batch, 0);
  }

  /**
   * A cache whose row i is this cache's row `rows[i]`: forks rows for beams and samples (a row may
   * repeat) and drops finished ones (compaction).
   */
  async select(rows: readonly number[]): Promise<KvCache> {
    const ops = this.ops;
    if (ops) {
      return new KvCache(await ops.take(this.tensors, 0, rows), rows.length, this.length, ops);
    }
    const tensors = this.tensors.map((t) => {
      const [, h, s, d] = t.dims as [number, number, number, number];
      const rowSize = h * s * d;
      const src = t.data as Float32Array;
      // Every element is written below, so recycled storage needs no clearing.
      const out = cpuBuffers.take(rows.length * rowSize);
      if (rows.length > 1 && rows.every((r) => r === rows[0])) {
        // A fork: one copy of the row, then doubling copies within the output (log₂ N calls;
        // copyWithin stops at the end).
        const r = rows[0]!;
        out.set(src.subarray(r * rowSize, (r + 1) * rowSize), 0);
        for (let have = 1; have < rows.length; have *= 2)
          out.copyWithin(have * rowSize, 0, have * rowSize);
      } else {
        rows.forEach((r, i) => out.set(src.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize));
      }
      return new ort.Tensor('float32', out, [rows.length, h, s, d]);
    });
    return new KvCache(tensors, rows.length, this.length);
  }

  /**
   * Rows `rows` and positions `cols` of this cache; a position of -1 is zeros (left padding, always
   * masked; on the GPU only as a leading run). Step search keeps a batch's cache across calls: it
   * drops positions no kept row attends to and aligns caches of different lengths before joining
   * them with `concatRows`.
   */
  async gather(rows: readonly number[], cols: readonly number[]): Promise<KvCache> {
    const ops = this.ops;
    if (ops) return this.gatherOn(ops, rows, cols);
    // Runs of consecutive source positions are copied with one `set` each.
    const runs: { dst: number; src: number; len: number }[] = [];
    cols.forEach((c, i) => {
      if (c < 0) return;
      const last = runs[runs.length - 1];
      if (last && last.dst + last.len === i && last.src + last.len === c) last.len++;
      else runs.push({ dst: i, src: c, len: 1 });
    });
    const tensors = this.tensors.map((t) => {
      const [, h, s, d] = t.dims as [number, number, number, number];
      const src = t.data as Float32Array;
      const C = cols.length;
      const out = new Float32Array(rows.length * h * C * d);
      rows.forEach((r, i) => {
        for (let k = 0; k < h; k++) {
          const from = (r * h + k) * s * d;
          const to = (i * h + k) * C * d;
          for (const run of runs)
            out.set(
              src.subarray(from + run.src * d, from + (run.src + run.len) * d),
              to + run.dst * d,
            );
        }
      });
      return new ort.Tensor('float32', out, [rows.length, h, C, d]);
    });
    return new KvCache(tensors, rows.length, cols.length);
  }

  private async gatherOn(
    ops: KvOps,
    rows: readonly number[],
    cols: readonly number[],
  ): Promise<KvCache> {
    const pad = cols.findIndex((c) => c >= 0) < 0 ? cols.length : cols.findIndex((c) => c >= 0);
    const keep = cols.slice(pad);
    if (keep.some((c) => c < 0)) throw new Error('on the GPU, padding positions must lead');
    const identity = keep.length === this.length && keep.every((c, i) => c === i);
    let tensors = await ops.take(this.tensors, 0, rows);
    if (!identity) {
      const picked = await ops.take(tensors, 2, keep);
      for (const t of tensors) t.dispose();
      tensors = picked;
    }
    if (pad > 0) {
      const zeros = tensors.map((t) => {
        const [, h, , d] = t.dims as [number, number, number, number];
        return new ort.Tensor('float32', new Float32Array(rows.length * h * pad * d), [
          rows.length,
          h,
          pad,
          d,
        ]);
      });
      const padded = await ops.concat([zeros, tensors], 2);
      for (const t of tensors) t.dispose();
      tensors = padded;
    }
    return new KvCache(tensors, rows.length, cols.length, ops);
  }

  rowsRange(): number[] {
    return Array.from({ length: this.batch }, (_, i) => i);
  }

  positionsRange(): number[] {
    return Array.from({ length: this.length }, (_, i) => i);
  }

  /** The rows of several caches of one length, in order. */
  static async concatRows(parts: readonly KvCache[]): Promise<KvCache> {
    const length = parts[0]!.length;
    if (parts.some((p) => p.length !== length)) throw new Error('caches differ in length');
    const batch = parts.reduce((n, p) => n + p.batch, 0);
    const ops = parts[0]!.ops;
    if (ops) {
      const tensors = await ops.concat(
        parts.map((p) => p.tensors),
        0,
      );
      return new KvCache(tensors, batch, length, ops);
    }
    const tensors = parts[0]!.tensors.map((t0, i) => {
      const [, h, s, d] = t0.dims as [number, number, number, number];
      const out = new Float32Array(batch * h * s * d);
      let at = 0;
      for (const p of parts) {
        const data = p.tensors[i]!.data as Float32Array;
        out.set(data, at);
        at += data.length;
      }
      return new ort.Tensor('float32', out, [batch, h, s, d]);
    });
    return new KvCache(tensors, batch, length);
  }

  /**
   * `present = concat(past, new)` along the sequence, as the model's own `present.*` outputs are,
   * written into recycled storage (CPU caches only). `fresh` holds each tensor's new positions.
   */
  static append(past: KvCache, fresh: readonly ort.Tensor[]): KvCache {
    let T = 0;
    const tensors = past.tensors.map((t, k) => {
      const [b, h, s, d] = t.dims as [number, number, number, number];
      const add = fresh[k]!;
      T = add.dims[2]!;
      const a = t.data as Float32Array;
      const n = add.data as Float32Array;
      const S = s + T;
      const out = cpuBuffers.take(b * h * S * d);
      for (let r = 0; r < b * h; r++) {
        out.set(a.subarray(r * s * d, (r + 1) * s * d), r * S * d);
        out.set(n.subarray(r * T * d, (r + 1) * T * d), r * S * d + s * d);
      }
      return new ort.Tensor('float32', out, [b, h, S, d]);
    });
    return new KvCache(tensors, past.batch, past.length + T);
  }

  dispose(): void {
    for (const t of this.tensors) {
      if (!this.ops && t.location === 'cpu') cpuBuffers.give(t.data as Float32Array);
      t.dispose();
    }
  }
}

export interface ForwardResult {
  /** [batch, tokens, vocab] */
  logits: Float32Array;
  cache: KvCache;
}

/** `exposeNewKv`, or null (fetch `present.*`) for a model it cannot read: ONNX Runtime decides. */
function newKvOrNull(model: Uint8Array, layers: number) {
  try {
    return exposeNewKv(model, layers);
  } catch {
    return null;
  }
}

export class Decoder {
  private constructor(
    readonly session: ort.InferenceSession,
    readonly cfg: DecoderConfig,
    /** Set when the cache stays on the GPU (WebGPU): how it is reshuffled there. */
    readonly kvOps: SessionKvOps | null = null,
    /**
     * On the CPU: the outputs holding each step's new keys and values (`exposeNewKv`), appended to
     * the cache here instead of fetching the whole `present.*`; null to fetch `present.*`.
     */
    readonly newKv: string[] | null = null,
  ) {}

  /**
   * On WebGPU the `present.*` outputs stay on the GPU (`gpu-buffer`) and are fed back as the next
   * step's past; forks and compaction run there too, as ONNX Runtime sessions (`SessionKvOps`).
   * Logits come back to the CPU for sampling. `kvOps`: 'auto' (sessions on WebGPU, CPU copies
   * elsewhere), 'cpu' (everything on the CPU, for comparison), 'sessions' (the GPU path's graph ops on
   * any backend, so tests in Node exercise them). `appendOnCpu: false` fetches `present.*` on the
   * CPU too (for comparison).
   */
  static async load(
    model: Uint8Array,
    cfg: DecoderConfig,
    executionProviders: string[] = ['wasm'],
    {
      kvOps = 'auto',
      appendOnCpu = true,
    }: { kvOps?: 'auto' | 'cpu' | 'sessions'; appendOnCpu?: boolean } = {},
  ): Promise<Decoder> {
    const onGpu = kvOps !== 'cpu' && executionProviders.includes('webgpu');
    const sessions = onGpu || kvOps === 'sessions';
    const present = Array.from({ length: cfg.layers }, (_, i) => [
      `present.${i}.key`,
      `present.${i}.value`,
    ]).flat();
    // Errors only: on WebGPU ORT warns at every load that shape ops run on the CPU, which is by design.
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders,
      logSeverityLevel: 3,
      ...(onGpu
        ? {
            preferredOutputLocation: Object.fromEntries(
              present.map((n) => [n, 'gpu-buffer' as const]),
            ),
          }
        : {}),
    };
    const exposed = sessions || !appendOnCpu ? null : newKvOrNull(model, cfg.layers);
    const session = await ort.InferenceSession.create(exposed?.model ?? model, options);
    return new Decoder(
      session,
      cfg,
      sessions ? new SessionKvOps(executionProviders, onGpu ? 'gpu-buffer' : 'cpu') : null,
      exposed?.names ?? null,
    );
  }

  /**
   * Runs `tokens` ([batch, T], every row the same length) after `cache`. By default every row attends
   * to all of its cached positions (rows share one length: prompts are prefilled once and forked).
   * `layout` gives ragged rows instead: per row, the attention mask over cache + new positions (0 =
   * padding, never attended) and the new tokens' positions (step search: left-padded prefixes, rows
   * that wait while others finish their step).
   */
  async forward(
    tokens: readonly (readonly number[])[],
    cache: KvCache,
    layout?: { mask: readonly ArrayLike<number>[]; positions: readonly (readonly number[])[] },
  ): Promise<ForwardResult> {
    const B = tokens.length;
    const T = tokens[0]!.length;
    if (B !== cache.batch)
      throw new Error(`batch ${B} does not match the cache's ${cache.batch} rows`);
    const P = cache.length;
    const ids = new BigInt64Array(B * T);
    const pos = new BigInt64Array(B * T);
    const mask = new BigInt64Array(B * (P + T)).fill(1n);
    tokens.forEach((row, b) =>
      row.forEach((tok, t) => {
        ids[b * T + t] = BigInt(tok);
        pos[b * T + t] = BigInt(layout ? layout.positions[b]![t]! : P + t);
      }),
    );
    if (layout) {
      layout.mask.forEach((m, b) => {
        if (m.length !== P + T) throw new Error(`row ${b}: mask length ${m.length} ≠ ${P + T}`);
        for (let j = 0; j < P + T; j++) mask[b * (P + T) + j] = BigInt(m[j]!);
      });
    }
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', ids, [B, T]),
      attention_mask: new ort.Tensor('int64', mask, [B, P + T]),
      position_ids: new ort.Tensor('int64', pos, [B, T]),
    };
    for (let i = 0; i < this.cfg.layers; i++) {
      feeds[`past_key_values.${i}.key`] = cache.tensors[2 * i]!;
      feeds[`past_key_values.${i}.value`] = cache.tensors[2 * i + 1]!;
    }
    if (this.newKv) {
      const out = await this.session.run(feeds, ['logits', ...this.newKv]);
      const fresh = this.newKv.map((n) => out[n]!);
      const cacheNext = KvCache.append(cache, fresh);
      for (const t of fresh) t.dispose();
      return { logits: out.logits!.data as Float32Array, cache: cacheNext };
    }
    const out = await this.session.run(feeds);
    const present: ort.Tensor[] = [];
    for (let i = 0; i < this.cfg.layers; i++)
      present.push(out[`present.${i}.key`]!, out[`present.${i}.value`]!);
    return {
      logits: out.logits!.data as Float32Array,
      cache: new KvCache(present, B, P + T, this.kvOps),
    };
  }

  async release(): Promise<void> {
    await this.kvOps?.release();
    await this.session.release();
  }
}

/**
 * A decoder-only ONNX model in transformers.js's I/O convention, over ONNX Runtime's common API, so the
 * same code runs in a worker and in Node: one forward pass over a batch, its KV cache carried in and
 * out. What the graph takes and gives is read from the session (graphIO.ts), so our own exports and
 * hub exports (grouped-query attention, fp16 caches, ORT's fused attention) run on one path.
 */
import * as ort from 'onnxruntime-web';
import type { DecoderConfig } from './decoderConfig';
import { asFloat32, readGraphIO, type GraphIO } from './graphIO';
import { KvCache } from './kvCache';
import { SessionKvOps } from './kvOps';
import { exposeNewKv } from './newKvOutputs';
import { ELEM } from './onnxGraph';
import { outputElemType } from './onnxRead';
import { HEAD_OUTPUTS, withSamplingHead } from './samplingHead';

export { KvCache } from './kvCache';
export { decoderConfig, type DecoderConfig } from './decoderConfig';

/**
 * Prefill without `num_logits_to_keep` returns logits for every prompt position: at a 152k vocabulary
 * that is 0.6 MB a token. Long prompts are therefore run in chunks of at most this many logits (16 MB);
 * attention is causal, so the result is the same as one pass.
 */
export const PREFILL_LOGITS = 1 << 22;

export interface ForwardResult {
  /** [batch, tokens, vocab], float32 whatever the model's logits type; empty when candidates were fetched. */
  logits: Float32Array;
  /** With `fetch: 'candidates'`: the sampling head's outputs, [batch, tokens, …]. */
  candidates?: HeadOutputs;
  cache: KvCache;
  /** From `prefill`: the forward passes it took (chunks). */
  passes?: number;
}

export interface HeadOutputs {
  /** [B, T, K] top logits, highest first. */
  values: Float32Array;
  /** [B, T, K] their ids. */
  ids: BigInt64Array;
  /** [B, T] log Σ exp and mean logit. */
  lz: Float32Array;
  mean: Float32Array;
  K: number;
}

/** Vocabularies at least this large get the sampling head (below it, JS passes are cheap). */
export const HEAD_MIN_VOCAB = 4096;

/** `exposeNewKv`, or null (fetch `present.*`) for a model it cannot read: ONNX Runtime decides. */
function newKvOrNull(model: Uint8Array, layers: number) {
  try {
    return exposeNewKv(model, layers);
  } catch {
    return null;
  }
}

/** The last position's candidates of each row ([B, T, …] → [B, 1, …]). */
function lastPosition(h: HeadOutputs, B: number): HeadOutputs {
  const T = h.lz.length / B;
  if (T === 1) return h;
  const pick = <A extends Float32Array | BigInt64Array>(a: A, width: number): A => {
    const out = new (a.constructor as new (n: number) => A)(B * width);
    for (let b = 0; b < B; b++)
      out.set(a.subarray(((b + 1) * T - 1) * width, (b + 1) * T * width) as never, b * width);
    return out;
  };
  return {
    values: pick(h.values, h.K),
    ids: pick(h.ids, h.K),
    lz: pick(h.lz, 1),
    mean: pick(h.mean, 1),
    K: h.K,
  };
}

/** Ones, then zeros only. */
function rightPadded(mask: ArrayLike<number>): boolean {
  let seenPad = false;
  for (let j = 0; j < mask.length; j++) {
    if (mask[j] === 0) seenPad = true;
    else if (seenPad) return false;
  }
  return true;
}

export interface LoadOptions {
  /**
   * 'auto' (sessions on WebGPU, CPU copies elsewhere), 'cpu' (everything on the CPU, for comparison),
   * 'sessions' (the GPU path's graph ops on any backend, so tests in Node exercise them).
   */
  kvOps?: 'auto' | 'cpu' | 'sessions';
  /** false: fetch `present.*` on the CPU too (for comparison). */
  appendOnCpu?: boolean;
  /** External weight files (`model.onnx_data`), by the name the graph refers to them. */
  externalData?: { path: string; data: Uint8Array }[];
  /** The sampling head (samplingHead.ts): 'auto' for vocabularies ≥ HEAD_MIN_VOCAB, or 'off'. */
  samplingHead?: 'auto' | 'off';
}

export class Decoder {
  private constructor(
    readonly session: ort.InferenceSession,
    readonly cfg: DecoderConfig,
    readonly io: GraphIO,
    /** Set when the cache stays on the GPU (WebGPU): how it is reshuffled there. */
    readonly kvOps: SessionKvOps | null = null,
    /**
     * On the CPU: the outputs holding each step's new keys and values (`exposeNewKv`), appended to
     * the cache here instead of fetching the whole `present.*`; null to fetch `present.*` (also where
     * the graph makes its presents inside one op, as GroupQueryAttention does).
     */
    readonly newKv: string[] | null = null,
    /** Whether the session has the sampling head's outputs (`fetch: 'candidates'`). */
    readonly head = false,
  ) {}

  /**
   * On WebGPU the `present.*` outputs stay on the GPU (`gpu-buffer`) and are fed back as the next
   * step's past; forks and compaction run there too, as ONNX Runtime sessions (`SessionKvOps`).
   * Logits come back to the CPU for sampling.
   */
  static async load(
    model: Uint8Array,
    cfg: DecoderConfig,
    executionProviders: string[] = ['wasm'],
    { kvOps = 'auto', appendOnCpu = true, externalData, samplingHead = 'auto' }: LoadOptions = {},
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
      ...(externalData ? { externalData } : {}),
      ...(onGpu
        ? {
            preferredOutputLocation: Object.fromEntries(
              present.map((n) => [n, 'gpu-buffer' as const]),
            ),
          }
        : {}),
    };
    const exposed = sessions || !appendOnCpu ? null : newKvOrNull(model, cfg.layers);
    let bytes = exposed?.model ?? model;
    const head = samplingHead === 'auto' && cfg.vocabSize >= HEAD_MIN_VOCAB;
    if (head) {
      const half = outputElemType(model, 'logits') === ELEM.float16;
      bytes = withSamplingHead(bytes, half ? 'float16' : 'float32');
    }
    const session = await ort.InferenceSession.create(bytes, options);
    let io: GraphIO;
    try {
      io = readGraphIO(session, cfg.layers);
    } catch (e) {
      await session.release();
      throw e;
    }
    return new Decoder(
      session,
      cfg,
      io,
      sessions ? new SessionKvOps(executionProviders, onGpu ? 'gpu-buffer' : 'cpu') : null,
      exposed?.names ?? null,
      head,
    );
  }

  /** An empty cache of `batch` rows in the graph's cache type. */
  emptyCache(batch: number): KvCache {
    return KvCache.empty(this.cfg, batch, this.io.cacheType);
  }

  isEos(token: number): boolean {
    return this.cfg.eosIds.includes(token);
  }

  /**
   * Runs `tokens` ([batch, T], every row the same length) after `cache`. By default every row attends
   * to all of its cached positions (rows share one length: prompts are prefilled once and forked).
   * `layout` gives ragged rows instead: per row, the attention mask over cache + new positions (0 =
   * padding, never attended) and the new tokens' positions (step search: left-padded prefixes, rows
   * that wait while others finish their step). `lastOnly`: logits of the last position only, where
   * the graph can say so (`num_logits_to_keep`); otherwise all positions come back.
   */
  async forward(
    tokens: readonly (readonly number[])[],
    cache: KvCache,
    layout?: { mask: readonly ArrayLike<number>[]; positions: readonly (readonly number[])[] },
    {
      lastOnly = false,
      fetch = 'logits',
    }: { lastOnly?: boolean; fetch?: 'logits' | 'candidates' } = {},
  ): Promise<ForwardResult> {
    if (fetch === 'candidates' && !this.head) throw new Error('this session has no sampling head');
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
      // Without position_ids the graph derives positions and lengths from the mask's count (ORT's
      // GroupQueryAttention reads `seqlens_k`), which only holds for right padding.
      if (!this.io.positionIds && layout.mask.some((m) => !rightPadded(m)))
        throw new Error(
          'this model takes no position_ids, so it runs right-padded batches only (step search needs left padding)',
        );
    }
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', ids, [B, T]),
      attention_mask: new ort.Tensor('int64', mask, [B, P + T]),
    };
    if (this.io.positionIds) feeds['position_ids'] = new ort.Tensor('int64', pos, [B, T]);
    if (this.io.numLogitsToKeep)
      feeds['num_logits_to_keep'] = new ort.Tensor('int64', [BigInt(lastOnly ? 1 : T)], []);
    this.io.past.forEach((name, k) => (feeds[name] = cache.tensors[k]!));
    // Logits or the head's candidates, and the cache: new keys and values, or the presents.
    const wanted = [
      ...(fetch === 'candidates' ? Object.values(HEAD_OUTPUTS) : ['logits']),
      ...(this.newKv ?? this.io.present),
    ];
    const out = await this.session.run(feeds, wanted);
    const logits = fetch === 'logits' ? asFloat32(out['logits']!) : new Float32Array(0);
    const candidates =
      fetch === 'candidates'
        ? {
            values: out[HEAD_OUTPUTS.values]!.data as Float32Array,
            ids: out[HEAD_OUTPUTS.ids]!.data as BigInt64Array,
            lz: out[HEAD_OUTPUTS.lse]!.data as Float32Array,
            mean: out[HEAD_OUTPUTS.mean]!.data as Float32Array,
            K: out[HEAD_OUTPUTS.values]!.dims[2]!,
          }
        : undefined;
    if (this.newKv) {
      const fresh = this.newKv.map((n) => out[n]!);
      const cacheNext = KvCache.append(cache, fresh);
      for (const t of fresh) t.dispose();
      return { logits, ...(candidates ? { candidates } : {}), cache: cacheNext };
    }
    const present = this.io.present.map((n) => out[n]!);
    return {
      logits,
      ...(candidates ? { candidates } : {}),
      cache: new KvCache(present, B, P + T, this.kvOps),
    };
  }

  /**
   * A shared-length batch of prompts ([batch, T]) after `cache`: the cache over all of them and the
   * logits of the last position only ([batch, 1, vocab]), in chunks where the graph cannot trim its
   * logits itself (PREFILL_LOGITS). `cache` is consumed (disposed or carried into the result).
   */
  async prefill(
    tokens: readonly (readonly number[])[],
    cache: KvCache,
    fetch: 'logits' | 'candidates' = 'logits',
  ): Promise<ForwardResult> {
    const T = tokens[0]!.length;
    const V = this.cfg.vocabSize;
    const B = tokens.length;
    const chunk =
      this.io.numLogitsToKeep || fetch === 'candidates'
        ? T
        : Math.max(1, Math.floor(PREFILL_LOGITS / (B * V)));
    let at = 0;
    let current = cache;
    for (;;) {
      const part = tokens.map((row) => row.slice(at, at + chunk));
      const r = await this.forward(part, current, undefined, { lastOnly: true, fetch });
      if (r.cache !== current) current.dispose();
      current = r.cache;
      at += chunk;
      const passes = Math.ceil(at / chunk);
      if (at >= T && r.candidates)
        return { ...r, candidates: lastPosition(r.candidates, B), passes };
      if (at >= T) {
        const n = r.logits.length / (B * V);
        if (n === 1) return { ...r, passes };
        const last = new Float32Array(B * V);
        for (let b = 0; b < B; b++)
          last.set(r.logits.subarray((b * n + n - 1) * V, (b * n + n) * V), b * V);
        return { logits: last, cache: current, passes };
      }
    }
  }

  async release(): Promise<void> {
    await this.kvOps?.release();
    await this.session.release();
  }
}

/**
 * Will a draw fit? A batched draw of N rows holds, at its longest, the KV cache of every row at the
 * full context (past and present side by side during a step) and a step's logits (N × vocab floats,
 * in ONNX Runtime's memory and again when read out). Where the limit is known — WASM's 4 GiB address
 * space (wasm32), the WebGPU device's largest buffer — a step that cannot fit is refused before it
 * runs, with what to lower, instead of the tab dying mid-run. Only what a step will certainly hold is
 * counted (the rows still running at the cache's current length), so a run whose samples end early
 * is never refused for what it might have needed. (`performance.memory` is not used: the typed
 * arrays that hold logits and caches live outside the JS heap it measures.) No ONNX Runtime import:
 * the arithmetic is testable anywhere.
 */
import type { LoadedModel } from './sweep';

/** What a loaded policy's memory use is made of (from its config and graph). */
export interface DrawMemoryFacts {
  layers: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  /** 2 for a float16 cache, 4 for float32. */
  kvBytesPerElement: number;
  /** The weights as loaded: their files' bytes, or parameters × 4 (float32 built-ins). */
  weightBytes: number;
}

/** What bounds memory here; absent fields are unknown and not checked. */
export interface MemoryLimits {
  /** WASM: the whole ONNX Runtime heap (weights, cache, outputs). */
  wasmHeap?: number;
  /** WebGPU: the largest single buffer (min of maxBufferSize and maxStorageBufferBindingSize). */
  gpuBuffer?: number;
}

/** A draw refused before a step that would not fit (the page shows it as out of memory). */
export class DrawTooLarge extends Error {
  override name = 'DrawTooLarge';
}

/** wasm32's address space: ONNX Runtime Web's WASM heap cannot grow past it. */
export const WASM32_HEAP = 2 ** 32;

export interface DrawMemory {
  /** One layer's K (or V) tensor at full context: one GPU buffer. */
  kvLayerTensor: number;
  /** Every layer's K and V, past and present both alive during a step. */
  kvCache: number;
  /**
   * One decode step's logits (float32, N × vocab): a graph output in the WASM heap, one GPU buffer on
   * WebGPU (even where the sampling head reads only candidates out of it).
   */
  logits: number;
  /** What the WASM heap holds at once. */
  wasmTotal: number;
}

export function drawMemory(f: DrawMemoryFacts, rows: number, positions: number): DrawMemory {
  const kvLayerTensor = rows * f.kvHeads * positions * f.headDim * f.kvBytesPerElement;
  const kvCache = 2 * 2 * f.layers * kvLayerTensor;
  const logits = rows * f.vocabSize * 4;
  return { kvLayerTensor, kvCache, logits, wasmTotal: f.weightBytes + kvCache + logits };
}

const gb = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${(n / 1e6).toFixed(0)} MB`);

/** The largest power of two rows (≤ n) for which `fits` holds, or 0. */
function largestRows(n: number, fits: (rows: number) => boolean): number {
  let best = 0;
  for (let r = 1; r <= n; r *= 2) if (fits(r)) best = r;
  return best;
}

/**
 * Why drawing `rows` samples of up to `positions` tokens (prompt and completion) cannot fit, with
 * what to lower — or null when it fits every known limit.
 */
export function drawRefusal(
  model: string,
  f: DrawMemoryFacts,
  rows: number,
  positions: number,
  backend: 'wasm' | 'webgpu',
  limits: MemoryLimits,
): string | null {
  const checks: { what: string; need: (r: number, p: number) => number; limit: number }[] = [];
  if (backend === 'wasm' && limits.wasmHeap !== undefined)
    checks.push({
      what: `WASM's ${gb(limits.wasmHeap)} heap (weights ${gb(f.weightBytes)}, KV cache and logits)`,
      need: (r, p) => drawMemory(f, r, p).wasmTotal,
      limit: limits.wasmHeap,
    });
  if (backend === 'webgpu' && limits.gpuBuffer !== undefined) {
    checks.push({
      what: `this GPU's largest buffer (${gb(limits.gpuBuffer)}) for one layer's KV cache`,
      need: (r, p) => drawMemory(f, r, p).kvLayerTensor,
      limit: limits.gpuBuffer,
    });
    checks.push({
      what: `this GPU's largest buffer (${gb(limits.gpuBuffer)}) for a step's logits`,
      need: (r, p) => drawMemory(f, r, p).logits,
      limit: limits.gpuBuffer,
    });
  }
  const over = checks.find((c) => c.need(rows, positions) > c.limit);
  if (!over) return null;
  const fitsAll = (r: number, p: number) => checks.every((c) => c.need(r, p) <= c.limit);
  const n = largestRows(rows, (r) => fitsAll(r, positions));
  let tokens = 0;
  for (let p = positions; p >= 1 && tokens === 0; p = Math.floor(p / 2))
    if (fitsAll(rows, p)) tokens = p;
  const lower = [
    n > 0 ? `N to ${n} or fewer` : null,
    tokens > 0 ? `Max tokens so prompt and solution stay under ${tokens} tokens` : null,
    'a smaller dtype or model',
  ].filter(Boolean);
  return `Out of memory, predicted before the step that would not fit: ${model} drawing N = ${rows} samples at ${positions} tokens (prompt and solution so far) needs ${gb(over.need(rows, positions))}, more than ${over.what}. Lower ${lower.join(', or ')}${backend === 'webgpu' ? ', or run on WASM' : ''}.`;
}

/** A loaded policy's facts: its config, cache dtype, weights (its files' bytes where known). */
export function memoryFacts(m: LoadedModel): DrawMemoryFacts {
  const cfg = m.decoder.cfg;
  const files = (m.source?.files ?? []).filter((f) => /\.onnx(_data)?$/.test(f.path));
  return {
    layers: cfg.layers,
    kvHeads: cfg.kvHeads,
    headDim: cfg.headDim,
    vocabSize: cfg.vocabSize,
    kvBytesPerElement: m.decoder.io.cacheType === 'float16' ? 2 : 4,
    weightBytes: files.length > 0 ? files.reduce((a, f) => a + f.bytes, 0) : m.parameters * 4,
  };
}

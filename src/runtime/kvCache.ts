/**
 * The KV cache: per-layer keys and values of a batch, and the row and position reshuffles that
 * forks, compaction and step search need. Storage is float32 or float16 (bits in a Uint16Array), as
 * the model's graph declares; on WASM it is JS arrays copied here, on WebGPU GPU buffers reshuffled
 * by `KvOps`.
 */
import * as ort from 'onnxruntime-web';
import { Float32Pool } from './bufferPool';
import type { DecoderConfig } from './decoderConfig';
import type { CacheType } from './graphIO';
import type { KvOps } from './kvOps';

/** CPU cache storage recycled between forks, compactions and steps (one per worker or process). */
const cpuBuffers = new Float32Pool();

type Storage = Float32Array | Uint16Array;

/**
 * A CPU tensor's elements as storage: float32 as is; float16 as its bits in a Uint16Array, also where
 * ONNX Runtime hands back a Float16Array (browsers that have one) — copying that into a Uint16Array
 * with `set` would convert the numbers instead of moving the bits.
 */
function storage(t: ort.Tensor): Storage {
  const d = t.data as ArrayBufferView & { length: number };
  if (t.type === 'float32' || d instanceof Uint16Array) return d as Storage;
  return new Uint16Array(d.buffer, d.byteOffset, d.length);
}

function alloc(type: CacheType, length: number): Storage {
  return type === 'float32' ? new Float32Array(length) : new Uint16Array(length);
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

  static empty(cfg: DecoderConfig, batch: number, type: CacheType = 'float32'): KvCache {
    const tensors = Array.from(
      { length: 2 * cfg.layers },
      () => new ort.Tensor(type, alloc(type, 0), [batch, cfg.kvHeads, 0, cfg.headDim]),
    );
    return new KvCache(tensors, batch, 0);
  }

  get type(): CacheType {
    return this.tensors[0]!.type as CacheType;
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
      const src = storage(t);
      // Every element is written below, so recycled storage needs no clearing.
      const out = cpuBuffers.takeAs(this.type, rows.length * rowSize);
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
      return new ort.Tensor(this.type, out, [rows.length, h, s, d]);
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
      const src = storage(t);
      const C = cols.length;
      const out = alloc(this.type, rows.length * h * C * d);
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
      return new ort.Tensor(this.type, out, [rows.length, h, C, d]);
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
        return new ort.Tensor(this.type, alloc(this.type, rows.length * h * pad * d), [
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
      const out = alloc(parts[0]!.type, batch * h * s * d);
      let at = 0;
      for (const p of parts) {
        const data = storage(p.tensors[i]!);
        out.set(data, at);
        at += data.length;
      }
      return new ort.Tensor(parts[0]!.type, out, [batch, h, s, d]);
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
      const a = storage(t);
      const n = storage(add);
      const S = s + T;
      const out = cpuBuffers.takeAs(past.type, b * h * S * d);
      for (let r = 0; r < b * h; r++) {
        out.set(a.subarray(r * s * d, (r + 1) * s * d), r * S * d);
        out.set(n.subarray(r * T * d, (r + 1) * T * d), r * S * d + s * d);
      }
      return new ort.Tensor(past.type, out, [b, h, S, d]);
    });
    return new KvCache(tensors, past.batch, past.length + T);
  }

  dispose(): void {
    for (const t of this.tensors) {
      if (!this.ops && t.location === 'cpu') cpuBuffers.give(storage(t));
      t.dispose();
    }
  }
}

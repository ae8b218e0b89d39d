/**
 * Recycled storage for the CPU (WASM) KV cache. A fork of a prompt's cache to 64 rows writes ~4 MB;
 * allocating that fresh (zero-filled, page-faulted) cost ~10× the copy itself, most of a fork's time.
 * Caches give their arrays back when disposed (after their last use: a disposed tensor is unreadable)
 * and forks and compaction, which overwrite every element, take them again.
 */
export class Float32Pool {
  private free: ArrayBuffer[] = [];
  private bytes = 0;

  constructor(
    /** Most bytes kept for reuse; the oldest are dropped beyond it (memory stays bounded). */
    readonly maxBytes = 64 << 20,
  ) {}

  /**
   * An array of `length` floats with arbitrary contents: a view of the smallest free buffer that
   * holds it (at most twice its size, so a small cache does not pin a large buffer), else a new one.
   * Zero-length requests get their own empty array.
   */
  take(length: number): Float32Array {
    return this.takeAs('float32', length) as Float32Array;
  }

  /** The same for float32 or float16 (bits in a Uint16Array) storage. */
  takeAs(type: 'float32' | 'float16', length: number): Float32Array | Uint16Array {
    const size = type === 'float32' ? 4 : 2;
    const view = (b: ArrayBuffer) =>
      type === 'float32' ? new Float32Array(b, 0, length) : new Uint16Array(b, 0, length);
    const need = length * size;
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size >= need && size <= 2 * need && (best < 0 || size < this.free[best]!.byteLength))
        best = i;
    }
    // New storage has a quarter to spare: a cache grows by a position a step, and the buffer it
    // frees must still fit the next one.
    if (best < 0) return view(new ArrayBuffer(Math.ceil(length * 1.25) * size));
    const [buffer] = this.free.splice(best, 1);
    this.bytes -= buffer!.byteLength;
    return view(buffer!);
  }

  /** Takes back an array nothing will read again. */
  give(array: Float32Array | Uint16Array): void {
    const buffer = array.buffer;
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
    if (buffer.byteLength > this.maxBytes || this.free.includes(buffer)) return;
    this.free.push(buffer);
    this.bytes += buffer.byteLength;
    while (this.bytes > this.maxBytes) this.bytes -= this.free.shift()!.byteLength;
  }

  get heldBytes(): number {
    return this.bytes;
  }
}

import { describe, expect, it } from 'vitest';
import { Float32Pool } from './bufferPool';

describe('Float32Pool', () => {
  it('hands a given-back buffer to the next request that fits, as a view of the right length', () => {
    const pool = new Float32Pool();
    const a = pool.take(1000);
    a.fill(7);
    pool.give(a);
    // New storage has a quarter to spare (a growing cache reuses what the last step freed).
    expect(a.buffer.byteLength).toBe(1250 * 4);
    const b = pool.take(1200);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(1200);
    // Taken buffers are no longer free: the next request gets fresh storage.
    expect(pool.take(700).buffer).not.toBe(a.buffer);
    expect(pool.heldBytes).toBe(0);
  });

  it('never hands out a buffer over twice the request, nor one too small', () => {
    const pool = new Float32Pool();
    const big = new Float32Array(10_000);
    pool.give(big);
    expect(pool.take(100).buffer).not.toBe(big.buffer);
    expect(pool.take(20_000).buffer).not.toBe(big.buffer);
    expect(pool.take(6_000).buffer).toBe(big.buffer);
  });

  it('prefers the smallest fitting buffer and keeps at most maxBytes, dropping the oldest', () => {
    const pool = new Float32Pool(3 * 4000);
    const [x, y, z] = [1000, 1000, 1000].map((n) => new Float32Array(n));
    const w = new Float32Array(900);
    for (const a of [x!, y!, z!]) pool.give(a);
    expect(pool.heldBytes).toBe(12_000);
    pool.give(w);
    // x (the oldest) was dropped to stay under the cap.
    expect(pool.heldBytes).toBe(11_600);
    expect(pool.take(800).buffer).toBe(w.buffer);
    expect([y!.buffer, z!.buffer]).toContain(pool.take(1000).buffer);
    expect(pool.take(1000).buffer).not.toBe(x!.buffer);
    // Giving the same storage twice keeps one copy.
    pool.give(z!);
    pool.give(z!);
    expect(pool.heldBytes).toBeLessThanOrEqual(4000);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rngGolden } from '../tasks/arith/golden';
import { hashKey } from './hash';
import { Rng } from './rng';

describe('Rng', () => {
  it('gives the same stream for the same seed and key path', () => {
    const a = Rng.fromSeed(5, 'sample', 3);
    const b = Rng.fromSeed(5, 'sample', 3);
    expect(Array.from({ length: 20 }, () => a.nextU32())).toEqual(
      Array.from({ length: 20 }, () => b.nextU32()),
    );
  });

  it('gives different streams for different seeds, paths, and number-vs-string keys', () => {
    const first = (r: Rng) => [r.nextU32(), r.nextU32()];
    const streams = [
      Rng.fromSeed(5),
      Rng.fromSeed(6),
      Rng.fromSeed(5, 1),
      Rng.fromSeed(5, '1'),
      Rng.fromSeed('5'),
    ].map(first);
    expect(new Set(streams.map(String)).size).toBe(streams.length);
  });

  it('derives children from the key, not from how much the parent has drawn', () => {
    const fresh = Rng.fromSeed(9).derive('sample', 7);
    const used = Rng.fromSeed(9);
    for (let i = 0; i < 1000; i++) used.nextU32();
    expect(used.derive('sample', 7).nextU32()).toBe(fresh.nextU32());
  });

  it('keeps sample i identical however many samples are drawn (per-index streams)', () => {
    const draw = (count: number) =>
      Array.from({ length: count }, (_, i) => Rng.fromSeed(1, 'p', i).next());
    expect(draw(256).slice(0, 8)).toEqual(draw(8));
  });

  it('draws unbiased integers in range, covering every value', () => {
    const rng = Rng.fromSeed(123);
    const counts = new Array(7).fill(0);
    const N = 70_000;
    for (let i = 0; i < N; i++) counts[rng.int(7)]++;
    // χ² with 6 degrees of freedom: 22.5 is the 0.999 quantile.
    const chi2 = counts.reduce((s, c) => s + (c - N / 7) ** 2 / (N / 7), 0);
    expect(chi2).toBeLessThan(22.5);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(1.5)).toThrow(RangeError);
  });

  it('draws floats in [0, 1) with mean ½ and normals with mean 0 and variance 1', () => {
    const rng = Rng.fromSeed('floats');
    let s = 0;
    let zs = 0;
    let zz = 0;
    for (let i = 0; i < 50_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      s += x;
      const z = rng.normal();
      zs += z;
      zz += z * z;
    }
    expect(s / 50_000).toBeCloseTo(0.5, 2);
    expect(zs / 50_000).toBeCloseTo(0, 1);
    expect(zz / 50_000).toBeCloseTo(1, 1);
  });

  it('shuffles a prefix into a permutation whose first element is uniform', () => {
    const rng = Rng.fromSeed(77);
    const items = Int32Array.from({ length: 6 }, (_, i) => i);
    const firsts = new Array(6).fill(0);
    for (let d = 0; d < 6000; d++) {
      rng.shufflePrefix(items, 3);
      firsts[items[0]!]++;
      expect([...items].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    }
    for (const c of firsts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it('rejects key parts that are not u32 integers', () => {
    expect(() => hashKey(-1)).toThrow(RangeError);
    expect(() => hashKey(2 ** 32)).toThrow(RangeError);
    expect(() => hashKey(0.5)).toThrow(RangeError);
  });

  it('matches the golden fixture the Python mirror is tested against', () => {
    const file = JSON.parse(readFileSync('fixtures/rng-golden.json', 'utf8'));
    expect(rngGolden()).toEqual(file);
  });
});

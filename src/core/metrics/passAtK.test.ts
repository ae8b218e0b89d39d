import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passAtK } from './passAtK';
import { forEachSubset } from './subsets';

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** 1 − C(n−c,k)/C(n,k) from exact big integers, rounded once at the end. */
function exactPassAtK(n: number, c: number, k: number): number {
  const num = binomial(n - c, k);
  const den = binomial(n, k);
  const scale = 10n ** 30n;
  return 1 - Number((num * scale) / den) / 1e30;
}

describe('passAtK', () => {
  it('equals the fraction of size-k subsets holding a correct sample (brute force)', () => {
    for (let n = 1; n <= 9; n++) {
      for (let c = 0; c <= n; c++) {
        for (let k = 1; k <= n; k++) {
          let hit = 0;
          let all = 0;
          forEachSubset(n, k, (s) => {
            all++;
            if (s.some((i) => i < c)) hit++;
          });
          expect(passAtK(n, c, k)).toBeCloseTo(hit / all, 12);
        }
      }
    }
  });

  it('is exact against big-integer arithmetic up to n = 10 000', () => {
    for (const [n, c, k] of [
      [10_000, 1, 1],
      [10_000, 3, 5000],
      [10_000, 17, 256],
      [10_000, 9_000, 2],
      [5_000, 1, 4_999],
      [10_000, 5, 9_996],
    ] as const) {
      expect(Math.abs(passAtK(n, c, k) - exactPassAtK(n, c, k))).toBeLessThan(1e-12);
    }
  });

  it('handles the edges: no correct → 0, all correct → 1, k > n − c → 1', () => {
    expect(passAtK(10, 0, 5)).toBe(0);
    expect(passAtK(10, 10, 1)).toBe(1);
    expect(passAtK(10, 6, 5)).toBe(1);
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 15);
    expect(() => passAtK(4, 1, 5)).toThrow(RangeError);
    expect(() => passAtK(4, 5, 1)).toThrow(RangeError);
  });

  it('is monotone non-decreasing in k (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.nat(), (n, cRaw) => {
        const c = cRaw % (n + 1);
        let prev = -1;
        for (let k = 1; k <= n; k += Math.max(1, Math.floor(n / 50))) {
          const v = passAtK(n, c, k);
          expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          prev = v;
        }
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { ProblemBootstrap, quantile, selectQuantile } from './bootstrap';
import { binsByLevel, binsByPass1Quintile } from './difficulty';
import { fitCoveragePowerLaw, powerLawCoverage } from './powerLaw';
import type { PreparedProblem } from './prepare';
import { auroc } from './verifierQuality';

const fakeProblem = (id: string, c: number, n: number, level = 1) =>
  ({ id, c, n, level }) as PreparedProblem;

describe('bootstrap over problems', () => {
  it('gives a zero-width interval for constant values', () => {
    const b = new ProblemBootstrap(10, 200, Rng.fromSeed(1));
    expect(b.interval(new Array(10).fill(0.3))).toEqual({
      mean: expect.closeTo(0.3, 12),
      lo: expect.closeTo(0.3, 12),
      hi: expect.closeTo(0.3, 12),
    });
  });

  it('brackets the mean and narrows as problems are added', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const small = new ProblemBootstrap(20, 1000, Rng.fromSeed(2)).interval(values(20));
    const large = new ProblemBootstrap(400, 1000, Rng.fromSeed(2)).interval(values(400));
    expect(small.lo).toBeLessThan(small.mean);
    expect(small.hi).toBeGreaterThan(small.mean);
    expect(large.hi - large.lo).toBeLessThan((small.hi - small.lo) / 2);
    // Binomial s.e. for p = ½, n = 400 is 0.025: the 95% interval is about ±0.049.
    expect(large.hi - large.lo).toBeGreaterThan(0.07);
    expect(large.hi - large.lo).toBeLessThan(0.13);
  });

  it('interpolates quantiles linearly', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});

describe('difficulty bins', () => {
  it('groups by task level in ascending order', () => {
    const bins = binsByLevel([
      fakeProblem('a', 1, 2, 3),
      fakeProblem('b', 1, 2, 1),
      fakeProblem('c', 1, 2, 3),
    ]);
    expect(bins).toEqual([
      { bin: '1', members: [1] },
      { bin: '3', members: [0, 2] },
    ]);
  });

  it('splits into pass@1 quintiles, easiest first, ties broken by problem id', () => {
    const problems = [
      fakeProblem('e', 0, 4),
      fakeProblem('d', 1, 4),
      fakeProblem('c', 2, 4),
      fakeProblem('b', 2, 4),
      fakeProblem('a', 4, 4),
      fakeProblem('f', 2, 4),
      fakeProblem('g', 3, 4),
    ];
    const bins = binsByPass1Quintile(problems);
    expect(bins.map((b) => b.bin)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(bins.map((b) => b.members.map((i) => problems[i]!.id))).toEqual([
      ['a', 'g'],
      ['b', 'c'],
      ['f'],
      ['d'],
      ['e'],
    ]);
  });
});

describe('coverage power law', () => {
  it('recovers a and b from exact power-law coverage', () => {
    const ks = [1, 2, 4, 8, 16, 32, 64];
    const fit = fitCoveragePowerLaw(
      ks,
      ks.map((k) => powerLawCoverage({ a: -1.2, b: -0.35 }, k)),
    )!;
    expect(fit.a).toBeCloseTo(-1.2, 10);
    expect(fit.b).toBeCloseTo(-0.35, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it('skips points at 0 or 1 and gives no fit with fewer than two points', () => {
    expect(fitCoveragePowerLaw([1, 2, 4], [0, 1, 1])).toBeNull();
    expect(fitCoveragePowerLaw([1, 2, 4], [0.5, 0.7, 1])?.points).toBe(2);
  });
});

describe('AUROC', () => {
  it('is 1 for perfect separation, 0 for inverted, ½ for ties', () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(auroc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5], [true, false, true])).toBe(0.5);
  });

  it('counts tied pairs as half (Mann–Whitney)', () => {
    // positives {0.5, 0.9}, negatives {0.5, 0.1}: pairs won 3, tied 1 → (3 + 0.5) / 4.
    expect(auroc([0.5, 0.9, 0.5, 0.1], [true, true, false, false])).toBe(0.875);
    expect(auroc([0.3], [true])).toBeNaN();
  });

  it('equals the fraction of (positive, negative) pairs ranked right, ties half', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 0.25, 0.5, 0.75, 1), fc.boolean()), {
          minLength: 2,
          maxLength: 30,
        }),
        (xs) => {
          const pos = xs.filter(([, l]) => l).map(([x]) => x);
          const neg = xs.filter(([, l]) => !l).map(([x]) => x);
          fc.pre(pos.length > 0 && neg.length > 0);
          let won = 0;
          for (const p of pos) for (const q of neg) won += p > q ? 1 : p === q ? 0.5 : 0;
          const got = auroc(
            xs.map(([x]) => x),
            xs.map(([, l]) => l),
          );
          expect(got).toBeCloseTo(won / (pos.length * neg.length), 12);
        },
      ),
      { seed: 7 },
    );
  });
});

describe('selectQuantile', () => {
  it('equals the quantile of the sorted values, ties and all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ints, q) => {
          const values = Float64Array.from(ints, (x) => x / 4);
          const sorted = values.slice().sort();
          expect(selectQuantile(values, q)).toBe(quantile(sorted, q));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

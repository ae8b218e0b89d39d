import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import {
  familyWiseCritical,
  normalQuantile,
  replicationZ,
  standardErrorOf,
  type IntervalEstimate,
} from './replication';

describe('normalQuantile', () => {
  // Reference values: Python's statistics.NormalDist().inv_cdf.
  it.each([
    [0.975, 1.9599639845400536],
    [1 - 0.025 / 22, 3.052065201864885],
    [0.5, 0],
    [0.9, 1.2815515655446008],
    [0.02425, -1.9729610513118845],
    [0.001, -3.090232306167813],
    [1e-6, -4.753424308822899],
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 7);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('replicationZ', () => {
  it('reads the standard error off a 95% interval', () => {
    expect(standardErrorOf({ accuracy: 0.5, interval: [0.4, 0.6] })).toBeCloseTo(0.1 / 1.96, 4);
  });

  it("puts small-vs-big's seed-2 majority@16 at z ≈ −1.5: a miss of the interval, not of the test", () => {
    const stated = { accuracy: 0.905, interval: [0.87, 0.94] } satisfies IntervalEstimate;
    const fresh = { accuracy: 0.855, interval: [0.8, 0.91] } satisfies IntervalEstimate;
    expect(fresh.accuracy).toBeLessThan(stated.interval[0]);
    const z = replicationZ(stated, fresh);
    expect(z).toBeCloseTo(-0.05 / Math.hypot(0.07 / 3.92, 0.11 / 3.92), 3);
    expect(Math.abs(z)).toBeLessThan(familyWiseCritical(22));
  });

  it('fails a claim that is 20 points off on 200 problems', () => {
    const z = replicationZ(
      { accuracy: 0.5, interval: [0.43, 0.57] },
      { accuracy: 0.3, interval: [0.24, 0.36] },
    );
    expect(Math.abs(z)).toBeGreaterThan(familyWiseCritical(22));
  });

  it('lets zero-width intervals replicate only by equality', () => {
    const one = { accuracy: 1, interval: [1, 1] } satisfies IntervalEstimate;
    expect(replicationZ(one, one)).toBe(0);
    expect(replicationZ(one, { accuracy: 0.99, interval: [0.99, 0.99] })).toBe(-Infinity);
  });
});

describe('familyWiseCritical', () => {
  it('is z_{0.975} for one claim and grows with the number of claims', () => {
    expect(familyWiseCritical(1)).toBeCloseTo(1.96, 2);
    expect(familyWiseCritical(22)).toBeCloseTo(3.052, 3);
    expect(() => familyWiseCritical(0)).toThrow(RangeError);
  });

  /** A claim on `n` problems of true accuracy p, with its normal-approximation 95% interval. */
  function measure(rng: Rng, p: number, n: number): IntervalEstimate {
    let hits = 0;
    for (let i = 0; i < n; i++) if (rng.bernoulli(p)) hits++;
    const a = hits / n;
    const half = 1.96 * Math.sqrt(Math.max(a * (1 - a), 1 / n) / n);
    return { accuracy: a, interval: [a - half, a + half] };
  }

  it('passes ≥ 95% of families of 22 right claims, where "inside the interval" passes few', () => {
    const rng = Rng.fromSeed('replication-test');
    const truths = Array.from({ length: 22 }, (_, i) => 0.2 + (0.7 * i) / 21);
    const families = 400;
    const critical = familyWiseCritical(truths.length);
    let allReplicate = 0;
    let allInside = 0;
    for (let f = 0; f < families; f++) {
      const pairs = truths.map((p) => [measure(rng, p, 200), measure(rng, p, 200)] as const);
      if (pairs.every(([s, r]) => Math.abs(replicationZ(s, r)) <= critical)) allReplicate++;
      if (pairs.every(([s, r]) => r.accuracy >= s.interval[0] && r.accuracy <= s.interval[1]))
        allInside++;
    }
    // Bonferroni promises ≥ 95%; 400 families put the estimate within about ±2 points of it.
    expect(allReplicate / families).toBeGreaterThan(0.92);
    // 0.83²² ≈ 2%: the old check fails almost every family of right claims.
    expect(allInside / families).toBeLessThan(0.1);
  });
});

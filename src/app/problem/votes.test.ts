import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../../core/tasks';
import { withNoisyOracle } from '../../core/verifiers/noisyOracle';
import { picksAt, strategiesOf, voteBars } from './votes';

describe('the vote distribution', () => {
  const pool = withNoisyOracle(syntheticPool({ problems: 4, samples: 32, seed: 3 }), {
    falsePositive: 0.2,
    falseNegative: 0.1,
    noise: 0,
    seed: 1,
  });
  it('has bars summing to the budget, each sample behind exactly one bar', () => {
    for (const entry of pool.problems) {
      for (const k of [1, 2, 8, 32, 64]) {
        const bars = voteBars(entry, k, pool.verifiers[0]!.id);
        expect(bars.reduce((s, b) => s + b.count, 0)).toBe(Math.min(k, entry.samples.length));
        const seen = bars.flatMap((b) => b.samples).sort((a, b) => a - b);
        expect(seen).toEqual(Array.from({ length: Math.min(k, 32) }, (_, i) => i));
        expect(bars.filter((b) => b.correct).length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('picks, for majority, the tallest bar (first seen among ties)', () => {
    for (const entry of pool.problems) {
      const bars = voteBars(entry, 8, null).filter((b) => b.answer !== null);
      const top = Math.max(...bars.map((b) => b.count));
      const firstTop = entry.samples
        .slice(0, 8)
        .find((s) => s.answer !== null && bars.find((b) => b.answer === s.answer)!.count === top)!;
      expect(picksAt(strategiesOf(pool), entry, 8, ['majority']).majority).toBe(firstTop.answer);
    }
  });
});

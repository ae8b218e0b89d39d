import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../tasks';
import { noisyOracleId, ORACLE_PARAMS, withNoisyOracle } from './noisyOracle';

describe('noisy oracle verifier', () => {
  const pool = syntheticPool({ seed: 3, problems: 40, samples: 32, levels: [3, 4] });

  it('with zero rates scores exactly the checker’s step labels and outcome', () => {
    const scored = withNoisyOracle(pool, ORACLE_PARAMS);
    for (const { samples } of scored.problems) {
      for (const s of samples) {
        expect(s.scores['oracle']).toEqual({
          steps: s.stepCorrect!.map(Number),
          outcome: Number(s.correct),
          tokens: 0,
        });
      }
    }
  });

  it('flips verdicts at the requested false-positive and false-negative rates', () => {
    const params = { falsePositive: 0.2, falseNegative: 0.1, noise: 0, seed: 5 };
    const scored = withNoisyOracle(pool, params);
    const id = noisyOracleId(params);
    let pos = 0;
    let fn = 0;
    let neg = 0;
    let fp = 0;
    for (const { samples } of scored.problems) {
      for (const s of samples) {
        s.stepCorrect!.forEach((ok, j) => {
          const said = s.scores[id]!.steps[j] === 1;
          if (ok) {
            pos++;
            if (!said) fn++;
          } else {
            neg++;
            if (said) fp++;
          }
        });
      }
    }
    expect(pos).toBeGreaterThan(1000);
    expect(neg).toBeGreaterThan(1000);
    expect(fn / pos).toBeCloseTo(0.1, 1);
    expect(fp / neg).toBeCloseTo(0.2, 1);
  });

  it('keeps every sample’s scores when the pool grows (per-sample streams)', () => {
    const params = { falsePositive: 0.3, falseNegative: 0.3, noise: 0.2, seed: 1 };
    const small = withNoisyOracle(syntheticPool({ seed: 3, problems: 5, samples: 8 }), params);
    const big = withNoisyOracle(syntheticPool({ seed: 3, problems: 9, samples: 64 }), params);
    const id = noisyOracleId(params);
    small.problems.forEach((entry, p) => {
      entry.samples.forEach((s, i) =>
        expect(big.problems[p]!.samples[i]!.scores[id]).toEqual(s.scores[id]),
      );
    });
  });

  it('keeps scores in [0, 1] under noise and declares itself in the pool', () => {
    const params = { falsePositive: 0, falseNegative: 0, noise: 0.5, seed: 2 };
    const scored = withNoisyOracle(pool, params);
    const id = noisyOracleId(params);
    expect(scored.verifiers).toContainEqual(expect.objectContaining({ id, kind: 'noisy-oracle' }));
    for (const { samples } of scored.problems) {
      for (const s of samples)
        for (const x of s.scores[id]!.steps) expect(x >= 0 && x <= 1).toBe(true);
    }
  });
});

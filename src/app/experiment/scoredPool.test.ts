import { describe, expect, it } from 'vitest';
import { tinyEntry, tinyPool } from '../../core/testing/pools';
import { noisyOracleId, withNoisyOracle } from '../../core/verifiers/noisyOracle';
import type { WorkingEntry } from '../pool/growPool';
import { scoredPool } from './scoredPool';
import { type Experiment } from './settings';
import { DEFAULT_EXPERIMENT } from './table';

const samples = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    answer: String(i % 3),
    scores: { 'arith-verifier': [0.5, i / n], 'arith-verifier-weak': [0.1, 0.2] },
  }));
const working = (): WorkingEntry[] =>
  [tinyEntry('p1', '0', samples(12), 2), tinyEntry('p2', '1', samples(7), 3)].map((e) => ({
    ...e,
    finished: e.samples.map(() => true),
  }));
const meta = { backend: 'wasm', models: [] };
const at = '2026-01-01T00:00:00.000Z';

describe('scoredPool', () => {
  it("keeps only the chosen learned verifier's scores", () => {
    const e: Experiment = { ...DEFAULT_EXPERIMENT, verifier: 'arith-verifier-weak' };
    const pool = scoredPool(working(), e, meta, at);
    for (const p of pool.problems)
      for (const s of p.samples) expect(Object.keys(s.scores)).toEqual(['arith-verifier-weak']);
    expect(pool.verifiers.map((v) => v.id)).toEqual(['arith-verifier-weak']);
  });

  it("gives the noisy oracle's scores exactly as the engine's withNoisyOracle does", () => {
    const noisy = { falsePositive: 0.3, falseNegative: 0.2, noise: 0.1 };
    const e: Experiment = { ...DEFAULT_EXPERIMENT, verifier: 'noisy-oracle', noisy, seed: 9 };
    const id = noisyOracleId({ ...noisy, seed: 9 });
    const pool = scoredPool(working(), e, meta, at);
    const engine = withNoisyOracle(tinyPool(working()), { ...noisy, seed: 9 });
    expect(pool.verifiers).toEqual(engine.verifiers);
    pool.problems.forEach((p, i) =>
      p.samples.forEach((s, j) => {
        expect(Object.keys(s.scores)).toEqual([id]);
        expect(s.scores[id]).toEqual(engine.problems[i]!.samples[j]!.scores[id]);
      }),
    );
  });

  it('reuses a noisy-oracle score the sample already holds under the same id', () => {
    const e: Experiment = { ...DEFAULT_EXPERIMENT, verifier: 'oracle' };
    const entries = working();
    const stored = { steps: [0.25], outcome: 0.75, tokens: 0 };
    entries[0]!.samples[0]!.scores['oracle'] = stored;
    const pool = scoredPool(entries, e, meta, at);
    expect(pool.problems[0]!.samples[0]!.scores['oracle']).toBe(stored);
    expect(pool.problems[0]!.samples[1]!.scores['oracle']!.outcome).toBe(
      entries[0]!.samples[1]!.correct ? 1 : 0,
    );
  });
});

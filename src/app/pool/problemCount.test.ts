import { describe, expect, it } from 'vitest';
import type { Sample } from '../../core/types';
import { poolForScoring, scoringExperiment } from '../curves/reportSlice';
import { problemSet } from '../experiment/problemSource';
import { type Experiment } from '../experiment/settings';
import { DEFAULT_EXPERIMENT } from '../experiment/table';
import { poolKey } from '../experiment/cacheKeys';
import type { WorkingEntry } from './growPool';
import { EMPTY_POOL, pendingSamples, poolIsStale, type PoolState } from './poolSlice';

const e40: Experiment = { ...DEFAULT_EXPERIMENT, problems: 40, n: 4, verifier: 'none' };

/** A held pool of 40 problems × 4 samples, as a finished run leaves it. */
function heldPool(): PoolState {
  const problems = problemSet(e40);
  const entries: WorkingEntry[] = problems.map((problem) => ({
    problem,
    samples: Array.from(
      { length: 4 },
      (_, index): Sample =>
        ({
          index,
          text: `A: ${problem.answer}`,
          answer: problem.answer,
          correct: true,
          stepCorrect: [],
          tokens: 5,
          meanLogprob: -0.1,
          minLogprob: -0.2,
          temperature: 1,
          finished: true,
          scores: {},
        }) as unknown as Sample,
    ),
    finished: [true, true, true, true],
    cost: {
      promptTokens: 0,
      generatedTokens: 0,
      verifierTokens: 0,
      forwardPasses: 0,
      elapsedMs: 0,
    },
  }));
  return {
    ...EMPTY_POOL,
    key: poolKey(e40, 'wasm'),
    source: e40,
    backend: 'wasm',
    problems,
    entries,
    status: 'done',
  };
}

describe('one pool for every problem count', () => {
  it('problem i is the same whatever the count', () => {
    expect(problemSet({ ...e40, problems: 25 })).toEqual(problemSet(e40).slice(0, 25));
  });

  it('fewer problems need no run and are scored on the first ones', () => {
    const pool = heldPool();
    const e30 = { ...e40, problems: 30 };
    expect(poolIsStale(pool, e30, 'wasm')).toBe(false);
    expect(pendingSamples(pool, e30, 'wasm')).toBe(0);
    const scored = poolForScoring(scoringExperiment(e30, pool), pool)!;
    expect(scored.problems.map((p) => p.problem.id)).toEqual(
      pool.problems.slice(0, 30).map((p) => p.id),
    );
  });

  it('more problems draw only the new problems', () => {
    const pool = heldPool();
    const e50 = { ...e40, problems: 50 };
    expect(poolIsStale(pool, e50, 'wasm')).toBe(true);
    expect(pendingSamples(pool, e50, 'wasm')).toBe(10 * 4);
    // Another seed is another pool: everything is drawn.
    expect(pendingSamples(pool, { ...e50, seed: e40.seed + 1 }, 'wasm')).toBe(50 * 4);
  });
});

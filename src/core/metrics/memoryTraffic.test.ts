import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../tasks';
import { batchTraffic, kvReadsOf, raceTraffic } from './memoryTraffic';
import { preparePool, type PreparedProblem } from './prepare';
import { scorePool } from './score';
import { forEachSubset } from './subsets';

const problem = (tokens: number[], prompt: number): PreparedProblem =>
  ({
    n: tokens.length,
    tokens: Float64Array.from(tokens),
    promptTokens: prompt,
  }) as PreparedProblem;

/** The expectation over every k-subset, by enumeration. */
function brute(p: PreparedProblem, k: number, race: boolean) {
  let steps = 0;
  let kv = 0;
  let count = 0;
  forEachSubset(p.n, k, (subset) => {
    const lens = Array.from(subset.slice(0, k), (i) => p.tokens[i]!);
    const len = race ? Math.min(...lens) : Math.max(...lens);
    steps += len;
    kv += race
      ? k * kvReadsOf(len, p.promptTokens)
      : lens.reduce((a, l) => a + kvReadsOf(l, p.promptTokens), 0);
    count++;
  });
  return { decodeSteps: steps / count, kvReads: kv / count };
}

describe('memory traffic of decoding (Kinetics)', () => {
  it('KV positions read: Σ over the generated tokens of the context length', () => {
    // A 3-token prompt, 4 tokens decoded: contexts 3, 4, 5, 6.
    expect(kvReadsOf(4, 3)).toBe(3 + 4 + 5 + 6);
    expect(kvReadsOf(0, 3)).toBe(0);
  });

  it('closed forms equal enumeration over every subset (batch: the longest row; race: the shortest)', () => {
    const p = problem([5, 12, 7, 7, 30, 1, 9], 4);
    for (let k = 1; k <= p.n; k++)
      for (const race of [false, true]) {
        const got = (race ? raceTraffic : batchTraffic)(p, k, 'subsample');
        const want = brute(p, k, race);
        expect(got.decodeSteps).toBeCloseTo(want.decodeSteps, 9);
        expect(got.kvReads).toBeCloseTo(want.kvReads, 6);
      }
  });

  it('prefix: the first k samples exactly', () => {
    const p = problem([5, 12, 7, 30], 2);
    expect(batchTraffic(p, 3, 'prefix')).toEqual({
      decodeSteps: 12,
      kvReads: kvReadsOf(5, 2) + kvReadsOf(12, 2) + kvReadsOf(7, 2),
    });
    expect(raceTraffic(p, 3, 'prefix')).toEqual({ decodeSteps: 5, kvReads: 3 * kvReadsOf(5, 2) });
  });

  it('in a scored pool: the early-stopping vote decodes one sample at a time, the rest as a batch', () => {
    const pool = syntheticPool({ problems: 6, samples: 16, seed: 4 });
    const report = scorePool(pool, { draws: 100, bootstrap: 20 });
    const prepared = preparePool(pool).problems;
    const mean = (f: (p: PreparedProblem) => number) =>
      prepared.reduce((a, p) => a + f(p), 0) / prepared.length;
    const at = (id: string, k: number) => report.overall.curves[id]!.find((p) => p.k === k)!.cost;
    const maj = at('majority', 8);
    expect(maj.decodeSteps).toBeCloseTo(
      mean((p) => batchTraffic(p, 8, 'subsample').decodeSteps),
      9,
    );
    expect(maj.kvReads).toBeCloseTo(
      mean((p) => batchTraffic(p, 8, 'subsample').kvReads),
      6,
    );
    const early = at('early-stop', 16);
    // Sequential: every drawn token is a decode step of its own.
    expect(early.decodeSteps).toBeCloseTo(early.generatedTokens, 9);
    expect(early.decodeSteps!).toBeGreaterThan(maj.decodeSteps!);
  });
});

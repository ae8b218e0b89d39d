import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../cli/models';
import { makeProblemSet } from '../../core/tasks/problemSet';
import { arith } from '../../core/tasks/arith';
import { decode, encode } from '../../core/tasks/arith/vocab';
import { drawSamples, scoreSamples } from '../../runtime/drawSamples';
import type { LoadedModel } from '../../runtime/sweep';
import {
  growPool,
  samplesNeeded,
  type GrowDeps,
  type GrowPlan,
  type WorkingEntry,
} from './growPool';

// The real built-in models on ORT's WASM backend in Node: the same code the app's workers run.
let policy: LoadedModel;
let verifier: LoadedModel;
const codec = { encode, decode };
const calls: { indices: number[]; temperature: number }[] = [];
let scored = 0;

const deps = (): GrowDeps => ({
  draw: (problem, indices, temperature) => {
    calls.push({ indices, temperature });
    return drawSamples(
      policy.decoder,
      arith,
      codec,
      problem,
      { seed: 7, indices },
      {
        temperature,
        topP: 1,
        topK: 0,
        maxTokens: 128,
      },
    );
  },
  score: (_v, problem, texts, finished) => {
    scored += texts.length;
    return scoreSamples(
      verifier.decoder,
      arith,
      codec,
      problem,
      texts.map((text) => ({ text })),
      finished,
    );
  },
});

beforeAll(async () => {
  policy = await loadModel('arith-policy');
  verifier = await loadModel('arith-verifier');
});
afterAll(async () => {
  await policy.decoder.release();
  await verifier.decoder.release();
});

async function grow(plan: GrowPlan, current: (WorkingEntry | undefined)[]) {
  const out = [...current];
  await growPool(plan, current, deps(), (i, e) => (out[i] = e));
  return out;
}

describe('growing a pool', () => {
  const problems = makeProblemSet(arith, 7, [2, 3], 2);

  it('draws only the missing samples; the old ones never change; growth equals drawing all at once', async () => {
    const small = await grow({ problems, n: 4, temperatures: [1], verifiers: [] }, []);
    calls.length = 0;
    const plan: GrowPlan = { problems, n: 8, temperatures: [1], verifiers: [] };
    expect(samplesNeeded(plan, small)).toBe(8);
    const big = await grow(plan, small);
    expect(calls.map((c) => c.indices)).toEqual([
      [4, 5, 6, 7],
      [4, 5, 6, 7],
    ]);
    for (const [i, e] of big.entries()) {
      expect(e!.samples.slice(0, 4)).toEqual(small[i]!.samples);
      expect(e!.samples.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    const fresh = await grow(plan, []);
    expect(big.map((e) => e!.samples.map((s) => s.text))).toEqual(
      fresh.map((e) => e!.samples.map((s) => s.text)),
    );
    calls.length = 0;
    const again = await grow(plan, big);
    expect(calls).toEqual([]);
    again.forEach((e, i) => expect(e).toBe(big[i]));
  });

  it('pools temperatures by sample index, and scores with a verifier only what it has not scored', async () => {
    calls.length = 0;
    const plan: GrowPlan = {
      problems: problems.slice(0, 1),
      n: 6,
      temperatures: [0.5, 1.5],
      verifiers: [],
    };
    const pool = await grow(plan, []);
    expect(calls).toEqual([
      { indices: [0, 2, 4], temperature: 0.5 },
      { indices: [1, 3, 5], temperature: 1.5 },
    ]);
    expect(pool[0]!.samples.map((s) => s.temperature)).toEqual([0.5, 1.5, 0.5, 1.5, 0.5, 1.5]);
    scored = 0;
    const withScores = await grow({ ...plan, verifiers: ['arith-verifier'] }, pool);
    expect(scored).toBe(6);
    expect(
      withScores[0]!.samples.every(
        (s) => s.scores['arith-verifier']!.steps.length === s.steps.length,
      ),
    ).toBe(true);
    expect(withScores[0]!.cost.verifierTokens).toBeGreaterThan(0);
    scored = 0;
    await grow({ ...plan, n: 8, verifiers: ['arith-verifier'] }, withScores);
    expect(scored).toBe(2);
  });
});

/**
 * The remote path end to end against real models: a pool and tree searches drawn through `ttc serve`
 * equal the ones drawn in process, sample for sample (same seeds, same text, log-probs within 1e-5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../src/core/tasks';
import '../../src/core/tasks/grading';
import { DEFAULT_TREE_SETTINGS } from '../../src/core/search';
import { oracleScorer } from '../../src/core/search/scorers';
import type { Pool } from '../../src/core/types';
import { probe } from '../../src/runtime/remote/capabilities';
import { limiter } from '../../src/runtime/remote/limiter';
import type { RemoteModel } from '../../src/runtime/remote/remoteModel';
import { remoteStepPolicy } from '../../src/runtime/remote/remotePolicy';
import { remotePoolPolicy, remotePoolVerifier } from '../../src/runtime/remote/remotePool';
import { remoteGenerativeVerifier } from '../../src/runtime/remote/remoteVerifier';
import { transport } from '../../src/runtime/remote/transport';
import { runSearch } from '../../src/runtime/searchSweep';
import { decoderStepPolicy } from '../../src/runtime/stepPolicy';
import { generativeStepScorer } from '../../src/runtime/stepScorer';
import {
  inProcessPolicy,
  inProcessVerifier,
  sweep,
  type LoadedModel,
  type SweepOptions,
} from '../../src/runtime/sweep';
import { loadModel } from '../models';
import { startServe, type RunningServer } from './server';
import { loadServedModel } from './servedModel';

const task = getTask('arith');
let server: RunningServer;
let policy: LoadedModel;
let verifier: LoadedModel;

async function remote(model: string, useN = false): Promise<RemoteModel> {
  const t = transport({ baseUrl: `${server.url}/v1` });
  return { transport: t, model, caps: await probe(t, model), limit: limiter(64), useN };
}

beforeAll(async () => {
  policy = await loadModel('arith-policy');
  verifier = await loadModel('arith-verifier');
  server = await startServe({
    models: [await loadServedModel('arith-policy'), await loadServedModel('arith-verifier')],
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: ['*'],
  });
});
afterAll(() => server.close());

const options: SweepOptions = {
  task,
  seed: 11,
  levels: [1, 2, 3],
  problems: 6,
  n: 8,
  temperature: 1,
  topP: 1,
  topK: 0,
  maxTokens: task.maxTokens,
  concurrency: 4,
};

function expectSamePool(remote: Pool, local: Pool) {
  expect(remote.problems.map((e) => e.problem)).toEqual(local.problems.map((e) => e.problem));
  let samples = 0;
  remote.problems.forEach((e, p) => {
    e.samples.forEach((s, i) => {
      const l = local.problems[p]!.samples[i]!;
      expect([s.index, s.seed, s.text, s.tokens, s.correct]).toEqual([
        l.index,
        l.seed,
        l.text,
        l.tokens,
        l.correct,
      ]);
      expect(Math.abs(s.meanLogprob! - l.meanLogprob!)).toBeLessThan(1e-5);
      expect(Math.abs(s.minLogprob! - l.minLogprob!)).toBeLessThan(1e-5);
      for (const [id, score] of Object.entries(s.scores)) {
        const want = l.scores[id]!;
        expect(score.steps.length).toBe(want.steps.length);
        score.steps.forEach((x, k) => expect(Math.abs(x - want.steps[k]!)).toBeLessThan(1e-5));
        expect(Math.abs(score.outcome! - want.outcome!)).toBeLessThan(1e-5);
      }
      samples++;
    });
  });
  expect(samples).toBe(options.problems * options.n);
}

describe('ttc serve against in process', () => {
  it('draws the same pool, and a generative verifier on it scores as in process', async () => {
    const local = await sweep(inProcessPolicy(policy), [inProcessVerifier(verifier)], options);
    const v = await remote('arith-verifier');
    const rule = remoteGenerativeVerifier(v, task, { eosText: '</s>' });
    const pool = await sweep(
      remotePoolPolicy(await remote('arith-policy')),
      [remotePoolVerifier(v, rule)],
      options,
    );
    expectSamePool(pool, local);
    // Both verifier-free scores and the verifier's come across; self-certainty needs the full
    // distribution, which the protocol does not return.
    expect(Object.keys(pool.problems[0]!.samples[0]!.scores).sort()).toEqual([
      'arith-verifier',
      'policy-confidence',
      'policy-mean-logprob',
    ]);
    expect(pool.models[0]).toMatchObject({
      id: 'arith-policy',
      hash: '',
      remote: { engine: 'ttc', seeding: 'per-sample' },
    });
  });

  it('runs every tree strategy step by step to the same traces', async () => {
    const problem = task.generate(5, 3);
    const stepOptions = { topP: 1, topK: 0, maxStepTokens: 64, maxTokens: task.maxTokens };
    const v = await remote('arith-verifier');
    const local = decoderStepPolicy(policy.decoder, task, policy.codec, stepOptions);
    const far = remoteStepPolicy(await remote('arith-policy'), task, stepOptions);
    const settings = { ...DEFAULT_TREE_SETTINGS, maxSteps: 40, temperature: 0.8 };
    for (const strategy of ['beam', 'dvts', 'particle-filter', 'mcts', 'best-first'] as const) {
      for (const [scorerIn, scorerOut] of [
        [oracleScorer(task), oracleScorer(task)],
        [
          generativeStepScorer(verifier.decoder, 'arith-verifier', task, verifier.codec),
          remoteGenerativeVerifier(v, task, { eosText: '</s>' }).stepScorer(task),
        ],
      ] as const) {
        const ctx = { task, problem, seed: 9 };
        const a = await runSearch(strategy, 4, settings, {
          ...ctx,
          policy: local,
          scorer: scorerIn,
        });
        const b = await runSearch(strategy, 4, settings, {
          ...ctx,
          policy: far,
          scorer: scorerOut,
        });
        expect(b.steps).toEqual(a.steps);
        expect(b.trace.events.length).toBe(a.trace.events.length);
        b.trace.events.forEach((e, i) => {
          const want = a.trace.events[i]!;
          expect(e.type).toBe(want.type);
          // Same nodes, texts and finishes; numbers within 1e-5 (JSON round trip of log-probs).
          expect(JSON.stringify(e, (_k, x) => (typeof x === 'number' ? +x.toFixed(5) : x))).toBe(
            JSON.stringify(want, (_k, x) => (typeof x === 'number' ? +x.toFixed(5) : x)),
          );
        });
      }
    }
  });

  it('with n > 1 records vLLM’s seeds (seed + j) instead of the pool’s', async () => {
    const m = await remote('arith-policy', true);
    expect(m.caps.n).toBe(true);
    const pool = await sweep(remotePoolPolicy(m), [], { ...options, problems: 2, n: 4 });
    for (const e of pool.problems) {
      const base = e.samples[0]!.seed!;
      expect(e.samples.map((s) => s.seed)).toEqual([base, base + 1, base + 2, base + 3]);
    }
    expect(pool.models[0]!.remote!.seeding).toBe('n');
  });
});

/**
 * Draws a sample pool: for each problem, N samples from the policy in one batch (seeded per problem and
 * sample index, so a larger N keeps the earlier samples), graded by the task's exact checker, scored by
 * the policy's own confidence and by each verifier. `ttc sweep`'s engine; the app's workers run the same
 * per-problem steps (drawSamples.ts).
 */
import { POOL_FORMAT_VERSION } from '../core/pool/migrate';
import { makeProblemSet } from '../core/tasks/problemSet';
import type { Task } from '../core/tasks/task';
import type { ModelRef, ModelSource, Pool, PoolEntry } from '../core/types';
import { ENGINE_VERSION } from '../core/version';
import type { Decoder } from './decoder';
import {
  CONFIDENCE_VERIFIER,
  drawSamples,
  MEAN_LOGPROB_VERIFIER,
  SELF_CERTAINTY_VERIFIER,
  generativeVerifierInfo,
  scoreSamples,
  type Codec,
} from './drawSamples';
import type { SamplingParams } from './sampling';

export { CONFIDENCE_VERIFIER };

export interface LoadedModel {
  id: string;
  hash: string;
  /** Parameters, for FLOPs. */
  parameters: number;
  decoder: Decoder;
  /** Text ↔ token ids, from the model's own tokenizer. */
  codec: Codec;
  /** A hub model's files and commit (built-in models are named by their hash alone). */
  source?: ModelSource;
}

export interface SweepOptions extends SamplingParams {
  task: Task;
  seed: number;
  levels: number[];
  problems: number;
  n: number;
  maxTokens: number;
  backend: string;
  onProblem?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

function modelRef(role: ModelRef['role'], m: LoadedModel): ModelRef {
  return { role, id: m.id, hash: m.hash, ...(m.source ? { source: m.source } : {}) };
}

export async function sweep(
  policy: LoadedModel,
  verifiers: LoadedModel[],
  o: SweepOptions,
): Promise<Pool> {
  const problems = makeProblemSet(o.task, o.seed, o.levels, o.problems);
  const entries: PoolEntry[] = [];
  for (const [p, problem] of problems.entries()) {
    const { samples, finished, cost } = await drawSamples(
      policy.decoder,
      o.task,
      policy.codec,
      problem,
      { seed: o.seed, indices: Array.from({ length: o.n }, (_, i) => i) },
      o,
    );
    for (const v of verifiers) {
      const started = performance.now();
      const scores = await scoreSamples(v.decoder, o.task, v.codec, problem, samples, finished);
      scores.forEach((s, i) => (samples[i]!.scores[v.id] = s));
      cost.verifierTokens += scores.reduce((a, s) => a + s.tokens, 0);
      cost.elapsedMs += performance.now() - started;
    }
    entries.push({ problem, samples, cost });
    o.onProblem?.(p + 1, problems.length);
    o.signal?.throwIfAborted();
  }
  const models: ModelRef[] = [
    modelRef('policy', policy),
    ...verifiers.map((v) => modelRef('verifier', v)),
  ];
  return {
    format: 'ttc-pool',
    version: POOL_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    task: { id: o.task.id, levels: o.levels, seed: o.seed },
    models,
    verifiers: [
      CONFIDENCE_VERIFIER,
      MEAN_LOGPROB_VERIFIER,
      SELF_CERTAINTY_VERIFIER,
      ...verifiers.map((v) => generativeVerifierInfo(v.id)),
    ],
    sampling: { temperatures: [o.temperature], topP: o.topP, topK: o.topK, maxTokens: o.maxTokens },
    seed: o.seed,
    backend: o.backend,
    createdAt: new Date().toISOString(),
    problems: entries,
  };
}

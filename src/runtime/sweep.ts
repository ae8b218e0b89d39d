/**
 * Draws a sample pool: for each problem, N samples from the policy in one batch (seeded per problem and
 * sample index, so a larger N keeps the earlier samples), graded by the task's exact checker, scored by
 * the policy's own confidence and by each verifier. Shared by `ttc sweep` and (later) the app's workers.
 */
import { POOL_FORMAT_VERSION } from '../core/pool/migrate';
import { Rng } from '../core/rng';
import { makeProblemSet } from '../core/tasks/problemSet';
import type { Task } from '../core/tasks/task';
import type { ModelRef, Pool, PoolEntry, Sample, VerifierInfo } from '../core/types';
import { confidenceScores } from '../core/verifiers/confidence';
import { ENGINE_VERSION } from '../core/version';
import type { Decoder } from './decoder';
import { sampleCompletions } from './generate';
import type { SamplingParams } from './sampling';
import { scoreGenerative } from './verifier';

export interface LoadedModel {
  id: string;
  hash: string;
  decoder: Decoder;
}

export interface SweepOptions extends SamplingParams {
  task: Task;
  encode: (text: string) => number[];
  decode: (ids: number[]) => string;
  seed: number;
  levels: number[];
  problems: number;
  n: number;
  maxTokens: number;
  backend: string;
  onProblem?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export const CONFIDENCE_VERIFIER: VerifierInfo = {
  id: 'policy-confidence',
  kind: 'confidence',
  description: "the policy's own min token log-prob: exp(min) per step line and over the sample",
};

export async function sweep(
  policy: LoadedModel,
  verifiers: LoadedModel[],
  o: SweepOptions,
): Promise<Pool> {
  const problems = makeProblemSet(o.task, o.seed, o.levels, o.problems);
  const entries: PoolEntry[] = [];
  for (const [p, problem] of problems.entries()) {
    const prompt = [policy.decoder.cfg.bosId, ...o.encode(o.task.prompt(problem))];
    const rngs = Array.from({ length: o.n }, (_, i) =>
      Rng.fromSeed(o.seed, 'sample', problem.id, i),
    );
    const { completions, cost } = await sampleCompletions(policy.decoder, prompt, rngs, o);
    const texts = completions.map((c) => ({ text: o.decode(c.tokens), finished: c.finished }));
    const samples: Sample[] = completions.map((c, i) => {
      const lp = c.logprobs;
      return {
        index: i,
        text: texts[i]!.text,
        ...o.task.grade(problem, texts[i]!.text),
        tokens: c.tokens.length,
        meanLogprob: lp.length ? lp.reduce((a, b) => a + b, 0) / lp.length : 0,
        minLogprob: lp.length ? Math.min(...lp) : 0,
        temperature: o.temperature,
        seed: rngs[i]!.key[0],
        scores: { [CONFIDENCE_VERIFIER.id]: confidenceScores(texts[i]!.text, lp, c.finished) },
      };
    });
    for (const v of verifiers) {
      const started = performance.now();
      const scores = await scoreGenerative(v.decoder, prompt, texts, o.encode);
      scores.forEach((s, i) => (samples[i]!.scores[v.id] = s));
      cost.verifierTokens += scores.reduce((a, s) => a + s.tokens, 0);
      cost.elapsedMs += performance.now() - started;
    }
    entries.push({ problem, samples, cost });
    o.onProblem?.(p + 1, problems.length);
    o.signal?.throwIfAborted();
  }
  const models: ModelRef[] = [
    { role: 'policy', id: policy.id, hash: policy.hash },
    ...verifiers.map((v) => ({ role: 'verifier' as const, id: v.id, hash: v.hash })),
  ];
  return {
    format: 'ttc-pool',
    version: POOL_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    task: { id: o.task.id, levels: o.levels, seed: o.seed },
    models,
    verifiers: [
      CONFIDENCE_VERIFIER,
      ...verifiers.map((v): VerifierInfo => ({
        id: v.id,
        kind: 'prm',
        description:
          'generative verifier: step = P(step line); outcome = min over steps and answer line',
      })),
    ],
    sampling: { temperatures: [o.temperature], topP: o.topP, topK: o.topK, maxTokens: o.maxTokens },
    seed: o.seed,
    backend: o.backend,
    createdAt: new Date().toISOString(),
    problems: entries,
  };
}

import { getTask } from '../tasks';
import type {
  ModelRef,
  Pool,
  PoolEntry,
  SamplingSettings,
  VerifierInfo,
  VerifierScore,
} from '../types';
import { ENGINE_VERSION } from '../version';
import { POOL_FORMAT_VERSION } from './migrate';

/**
 * Completions sampled outside the engine (e.g. by the PyTorch evaluation in `training/`), before
 * grading. Problems are named by (seed, level) and regenerated here, and every completion is graded by
 * the engine's own checker, so there is one definition of "correct".
 */
export interface RawSamples {
  task: string;
  seed: number;
  backend: string;
  models: { role: 'policy' | 'verifier'; id: string; hash?: string }[];
  verifiers: VerifierInfo[];
  sampling: SamplingSettings;
  problems: {
    seed: number;
    level: number;
    samples: {
      text: string;
      tokens: number;
      logprobs: number[];
      temperature: number;
      seed: number;
      scores: Record<string, VerifierScore>;
    }[];
  }[];
}

export function poolFromRawSamples(raw: RawSamples, createdAt = new Date().toISOString()): Pool {
  const task = getTask(raw.task);
  const problems: PoolEntry[] = raw.problems.map((rp) => {
    const problem = task.generate(rp.seed, rp.level);
    const samples = rp.samples.map((s, index) => {
      const grade = task.grade(problem, s.text);
      const lp = s.logprobs;
      return {
        index,
        text: s.text,
        ...grade,
        tokens: s.tokens,
        meanLogprob: lp.length ? lp.reduce((a, b) => a + b, 0) / lp.length : 0,
        minLogprob: lp.length ? Math.min(...lp) : 0,
        temperature: s.temperature,
        seed: s.seed,
        scores: s.scores,
      };
    });
    const generatedTokens = samples.reduce((a, s) => a + s.tokens, 0);
    return {
      problem,
      samples,
      cost: {
        promptTokens: task.prompt(problem).length + 1,
        generatedTokens,
        verifierTokens: samples.reduce(
          (a, s) => a + Object.values(s.scores).reduce((b, v) => b + v.tokens, 0),
          0,
        ),
        forwardPasses: 0,
        elapsedMs: 0,
      },
    };
  });
  const models: ModelRef[] = raw.models.map((m) => ({
    role: m.role,
    id: m.id,
    hash: m.hash ?? 'unknown',
  }));
  return {
    format: 'ttc-pool',
    version: POOL_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    task: {
      id: raw.task,
      levels: [...new Set(raw.problems.map((p) => p.level))].sort(),
      seed: raw.seed,
    },
    models,
    verifiers: raw.verifiers,
    sampling: raw.sampling,
    seed: raw.seed,
    backend: raw.backend,
    createdAt,
    problems,
  };
}

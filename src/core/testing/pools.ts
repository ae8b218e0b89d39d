/**
 * Small hand-built pools for tests: answers, scores and token counts set directly, with the
 * bookkeeping fields filled consistently so they validate.
 */
import type { Pool, PoolEntry, Sample, VerifierScore } from '../types';
import { POOL_FORMAT_VERSION } from '../pool/migrate';
import { ENGINE_VERSION } from '../version';

export interface TinySample {
  answer: string | null;
  tokens?: number;
  meanLogprob?: number;
  minLogprob?: number;
  /** Verifier id → step scores (the last is the solution score). */
  scores?: Record<string, number[]>;
}

export function tinyEntry(
  id: string,
  correctAnswer: string,
  samples: TinySample[],
  level = 1,
): PoolEntry {
  return {
    problem: {
      id,
      task: 'arith',
      level,
      question: '1+1',
      answer: correctAnswer,
      steps: ['1+1=2'],
      seed: 0,
    },
    samples: samples.map((s, index): Sample => {
      const correct = s.answer === correctAnswer;
      const scores: Record<string, VerifierScore> = {};
      for (const [v, steps] of Object.entries(s.scores ?? {}))
        scores[v] = { steps, tokens: steps.length * 3 };
      const meanLogprob = s.meanLogprob ?? -0.5;
      return {
        index,
        text: `A: ${s.answer ?? '?'}`,
        steps: [],
        answer: s.answer,
        correct,
        stepCorrect: [],
        tokens: s.tokens ?? 5,
        meanLogprob,
        minLogprob: Math.min(s.minLogprob ?? meanLogprob - 1, meanLogprob),
        temperature: 1,
        seed: index,
        scores,
      };
    }),
    cost: {
      promptTokens: 4,
      generatedTokens: 0,
      verifierTokens: 0,
      forwardPasses: 0,
      elapsedMs: 0,
    },
  };
}

export function tinyPool(entries: PoolEntry[], verifiers: string[] = []): Pool {
  return {
    format: 'ttc-pool',
    version: POOL_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    task: { id: 'arith', levels: [1], seed: 0 },
    models: [],
    verifiers: verifiers.map((id) => ({ id, kind: 'prm' as const })),
    sampling: { temperatures: [1], topP: 1, topK: 0, maxTokens: 64 },
    seed: 0,
    backend: 'test',
    createdAt: new Date(0).toISOString(),
    problems: entries,
  };
}

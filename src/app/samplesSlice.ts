import type { StateCreator } from 'zustand';
import { arith } from '../core/tasks/arith';
import type { Grade, Problem } from '../core/types';
import type { Backend } from '../runtime/browserModels';
import type { SampleProgress } from '../runtime/policyApi';
import { PolicyClient } from './policyClient';

export interface DrawnSample {
  text: string;
  tokens: number;
  grade: Grade;
}

export type SamplesState =
  | { status: 'idle' }
  | { status: 'running'; progress: SampleProgress | null; n: number }
  | {
      status: 'done';
      samples: DrawnSample[];
      tokensPerSecond: number;
      elapsedMs: number;
      backend: Backend;
    }
  | { status: 'error'; message: string };

export interface SamplesSlice {
  samples: SamplesState;
  drawSamples(problem: Problem, n: number, backend: Backend): Promise<void>;
  cancelSamples(): void;
}

let client: PolicyClient | null = null;
const policy = () => (client ??= new PolicyClient());

export const SAMPLE_SEED = 0;

let runs = 0;

export const createSamplesSlice: StateCreator<SamplesSlice> = (set, get) => ({
  samples: { status: 'idle' },
  drawSamples: async (problem, n, backend) => {
    const run = ++runs;
    // Progress arrives as separate messages and may trail the result: only the live run's count.
    const live = () => run === runs && get().samples.status === 'running';
    set({ samples: { status: 'running', progress: null, n } });
    try {
      const result = await policy().sample(
        'arith-policy',
        backend,
        {
          problem,
          n,
          seed: SAMPLE_SEED,
          params: { temperature: 1, topP: 1, topK: 0, maxTokens: 128 },
        },
        (progress) => live() && set({ samples: { status: 'running', progress, n } }),
      );
      if (run !== runs) return;
      const samples = result.texts.map((text, i) => ({
        text,
        tokens: result.tokens[i]!,
        grade: arith.grade(problem, text),
      }));
      set({
        samples: {
          status: 'done',
          samples,
          backend,
          elapsedMs: result.cost.elapsedMs,
          tokensPerSecond: result.cost.generatedTokens / (result.cost.elapsedMs / 1000),
        },
      });
    } catch (e) {
      if (run !== runs) return;
      const message = e instanceof Error ? e.message : String(e);
      set({
        samples: { status: 'error', message: /abort/i.test(message) ? 'Cancelled.' : message },
      });
    }
  },
  cancelSamples: () => policy().cancel(),
});

import { create } from 'zustand';
import type { BackendInfo } from '../runtime/backend';
import type { GreedyResult } from '../runtime/greedyCheck';
import { runGreedyCheck } from './greedyClient';
import { createSamplesSlice, type SamplesSlice } from './samplesSlice';

export type GreedyState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: GreedyResult }
  | { status: 'error'; message: string };

/** The app's single source of truth. It grows with the playground; views only read and dispatch. */
export interface AppState extends SamplesSlice {
  backend: BackendInfo | null;
  setBackend(backend: BackendInfo): void;
  greedy: GreedyState;
  checkPolicy(prompt: string): Promise<void>;
}

export const POLICY_MODEL = 'arith-policy';

export const useAppStore = create<AppState>()((set, get, store) => ({
  ...createSamplesSlice(set, get, store),
  backend: null,
  setBackend: (backend) => set({ backend }),
  greedy: { status: 'idle' },
  checkPolicy: async (prompt) => {
    set({ greedy: { status: 'running' } });
    try {
      const result = await runGreedyCheck({ model: POLICY_MODEL, prompt, maxNewTokens: 96 });
      set({ greedy: { status: 'done', result } });
    } catch (e) {
      set({ greedy: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
  },
}));

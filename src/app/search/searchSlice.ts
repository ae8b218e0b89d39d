/**
 * Tree search on the selected problem, in the search worker. Runs are cached (`searchRuns`), so
 * reopening a problem or a budget replays instead of re-running.
 */
import type { StateCreator } from 'zustand';
import type { SearchResult } from '../../core/search';
import type { Backend } from '../../runtime/browserModels';
import type { Experiment } from '../experiment/settings';
import { describeError } from '../workers/errors';
import { SearchClient } from '../workers/searchClient';
import { readTraceText, traceResult } from './readTrace';
import { cachedRun, requestKey, searchRecovery, searchRun, type RunSpec } from './searchRuns';
import { searchVerifier, selectedProblem } from './searchSettings';

export { searchSettings, searchVerifier, selectedProblem } from './searchSettings';

export interface SearchState {
  status: 'idle' | 'running' | 'done' | 'error';
  key: string | null;
  result: SearchResult | null;
  error: string | null;
  /** An opened trace file's name (its costs beyond generated tokens are unknown). */
  file?: string;
  /** The run came from this browser (memory or IndexedDB), searched before with the same models. */
  replayed?: boolean;
  /** The search lost its GPU device and went on (on what). */
  recovered?: string;
}

export interface SearchSlice {
  search: SearchState;
  runSearch(e: Experiment, backend: Backend): Promise<void>;
  cancelSearch(): void;
  /** Plays back an exported trace (its text, or parsed from a bundle); bad input becomes the panel's error. */
  openTrace(text: string, name: string): void;
  showTrace(json: unknown, name: string): void;
}

let client: SearchClient | null = null;

export const createSearchSlice: StateCreator<SearchSlice> = (set, get) => ({
  search: { status: 'idle', key: null, result: null, error: null },
  runSearch: async (e, backend) => {
    const verifier = searchVerifier(e);
    if (typeof verifier === 'string') {
      set({ search: { status: 'error', key: null, result: null, error: verifier } });
      return;
    }
    const spec: RunSpec = {
      e,
      problem: selectedProblem(e),
      strategy: e.tree,
      n: e.treeN,
      run: 0,
      verifier,
      backend,
    };
    const key = requestKey(spec);
    const hit = cachedRun(spec);
    if (hit) {
      set({ search: { status: 'done', key, result: hit, error: null, replayed: true } });
      return;
    }
    set({ search: { status: 'running', key, result: null, error: null } });
    try {
      const c = (client ??= new SearchClient());
      let recovered: string | undefined;
      const gpu = searchRecovery(c, spec, (note) => (recovered = note));
      const { result, replayed } = await gpu.run(
        (on) => searchRun(c, { ...spec, backend: on }),
        'during the search',
      );
      if (get().search.key === key)
        set({
          search: {
            status: 'done',
            key,
            result,
            error: null,
            replayed,
            ...(recovered ? { recovered } : {}),
          },
        });
    } catch (err) {
      if (get().search.key === key)
        set({ search: { status: 'error', key, result: null, error: describeError(err).message } });
    }
  },
  cancelSearch: () => {
    client?.cancel();
  },
  openTrace: (text, name) => {
    const key = `file:${name}:${text.length}`;
    try {
      const result = readTraceText(text, name);
      set({ search: { status: 'done', key, result, error: null, file: name } });
    } catch (err) {
      set({
        search: { status: 'error', key: null, result: null, error: describeError(err).message },
      });
    }
  },
  showTrace: (json, name) => {
    const key = `file:${name}`;
    try {
      const result = traceResult(json, name);
      set({ search: { status: 'done', key, result, error: null, file: name } });
    } catch (err) {
      set({
        search: { status: 'error', key: null, result: null, error: describeError(err).message },
      });
    }
  },
});

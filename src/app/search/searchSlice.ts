/**
 * Tree search on the selected problem, in the search worker. Runs are cached by everything that
 * determines them (`searchKey`), so reopening a problem or a budget replays instead of re-running.
 */
import type { StateCreator } from 'zustand';
import {
  DEFAULT_TREE_SETTINGS,
  searchKey,
  type SearchResult,
  type TreeSettings,
} from '../../core/search';
import { arith } from '../../core/tasks/arith';
import { makeProblemSet } from '../../core/tasks/problemSet';
import type { Problem } from '../../core/types';
import type { Backend } from '../../runtime/browserModels';
import type { SearchVerifier } from '../../runtime/searchApi';
import { runSeed } from '../../core/search/seed';
import { isLearned, type Experiment } from '../experiment/settings';
import { describeError } from '../workers/errors';
import { SearchClient } from '../workers/searchClient';

export interface SearchState {
  status: 'idle' | 'running' | 'done' | 'error';
  key: string | null;
  result: SearchResult | null;
  error: string | null;
}

export interface SearchSlice {
  search: SearchState;
  runSearch(e: Experiment, backend: Backend): Promise<void>;
  cancelSearch(): void;
}

/** The step verifier the experiment's verifier choice stands for, or why search cannot run. */
export function searchVerifier(e: Experiment): SearchVerifier | string {
  if (isLearned(e.verifier)) return { kind: 'model', id: e.verifier };
  if (e.verifier === 'oracle') return { kind: 'oracle' };
  if (e.verifier === 'noisy-oracle') return { kind: 'oracle', noisy: { ...e.noisy, seed: e.seed } };
  return 'Tree search needs a step verifier: choose a learned verifier, the oracle or the noisy oracle.';
}

/** The settings `ttc sweep --strategy` uses by default, with the experiment's width and temperature. */
export const searchSettings = (e: Experiment): TreeSettings => ({
  ...DEFAULT_TREE_SETTINGS,
  m: e.treeM,
  temperature: e.temperatures[0] ?? 1,
});

export const selectedProblem = (e: Experiment): Problem =>
  makeProblemSet(arith, e.seed, e.levels, e.problems)[e.problem]!;

const cache = new Map<string, SearchResult>();
let client: SearchClient | null = null;

export const createSearchSlice: StateCreator<SearchSlice> = (set, get) => ({
  search: { status: 'idle', key: null, result: null, error: null },
  runSearch: async (e, backend) => {
    const verifier = searchVerifier(e);
    if (typeof verifier === 'string') {
      set({ search: { status: 'error', key: null, result: null, error: verifier } });
      return;
    }
    const problem = selectedProblem(e);
    const settings = searchSettings(e);
    const seed = runSeed(e.seed, problem, 0);
    const models = `${e.policy}|${verifier.kind === 'model' ? verifier.id : JSON.stringify(verifier)}|${backend}`;
    const key = searchKey(problem.id, e.tree, e.treeN, settings, seed, models);
    const hit = cache.get(key);
    if (hit) {
      set({ search: { status: 'done', key, result: hit, error: null } });
      return;
    }
    set({ search: { status: 'running', key, result: null, error: null } });
    try {
      client ??= new SearchClient();
      const result = await client.run(
        e.policy,
        verifier.kind === 'model' ? verifier.id : null,
        backend,
        {
          problem,
          strategy: e.tree,
          n: e.treeN,
          settings,
          seed,
          verifier,
        },
      );
      cache.set(key, result);
      if (get().search.key === key) set({ search: { status: 'done', key, result, error: null } });
    } catch (err) {
      if (get().search.key === key)
        set({ search: { status: 'error', key, result: null, error: describeError(err).message } });
    }
  },
  cancelSearch: () => {
    client?.cancel();
  },
});

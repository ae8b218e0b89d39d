/**
 * One tree-search run in a search worker, cached in memory and in this browser's IndexedDB by
 * everything that determines it (`searchKey`): the Tree search tab and the chart's tree curves share runs, so a problem searched
 * for the curves replays at once in the tab, and the reverse.
 */
import { searchKey, type SearchResult, type TreeStrategyId } from '../../core/search';
import { runSeed } from '../../core/search/seed';
import type { Problem } from '../../core/types';
import type { Backend } from '../../runtime/browserModels';
import type { SearchVerifier } from '../../runtime/searchApi';
import type { Experiment } from '../experiment/settings';
import { load, save } from '../persist/db';
import type { SearchClient } from '../workers/searchClient';
import { searchSettings } from './searchSettings';

export interface RunSpec {
  e: Experiment;
  problem: Problem;
  strategy: TreeStrategyId;
  n: number;
  /** Which of the problem's runs (seeds are named by it, as in `ttc sweep --seeds`). */
  run: number;
  verifier: SearchVerifier;
  backend: Backend;
}

const cache = new Map<string, SearchResult>();

export function runKey(r: RunSpec): string {
  const v = r.verifier.kind === 'model' ? r.verifier.id : JSON.stringify(r.verifier);
  // Imported problems are named by line: the question keeps two sets' runs apart.
  return searchKey(
    `${r.problem.id}:${r.problem.question}`,
    r.strategy,
    r.n,
    searchSettings(r.e),
    runSeed(r.e.seed, r.problem, r.run),
    `${r.e.policy}|${v}|${r.backend}`,
  );
}

export const cachedRun = (r: RunSpec): SearchResult | undefined => cache.get(runKey(r));

/** The run from the cache, or searched now by `client` (and cached). */
export async function searchRun(client: SearchClient, r: RunSpec): Promise<SearchResult> {
  const key = runKey(r);
  const hit = cache.get(key) ?? (await load<SearchResult>('searches', key));
  if (hit) {
    cache.set(key, hit);
    return hit;
  }
  const result = await client.run(
    r.e.policy,
    r.verifier.kind === 'model' ? r.verifier.id : null,
    r.backend,
    {
      problem: r.problem,
      strategy: r.strategy,
      n: r.n,
      settings: searchSettings(r.e),
      seed: runSeed(r.e.seed, r.problem, r.run),
      verifier: r.verifier,
    },
  );
  cache.set(key, result);
  void save('searches', key, result);
  return result;
}

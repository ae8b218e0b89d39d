/**
 * One tree-search run in a search worker, cached in memory and in this browser's IndexedDB by
 * everything that determines it (`runKey`): the Tree search tab and the chart's tree curves share runs, so a problem searched
 * for the curves replays at once in the tab, and the reverse.
 */
import { policySpec } from '../hub/policySpec';
import { searchKeys } from '../remote/apiKeys';
import { specKey } from '../../runtime/modelSpec';
import { searchKey, type SearchResult, type TreeStrategyId } from '../../core/search';
import { runSeed } from '../../core/search/seed';
import type { Problem } from '../../core/types';
import type { Backend } from '../../runtime/browserModels';
import type { SearchVerifier } from '../../runtime/searchApi';
import { searchModelsKey } from '../experiment/cacheKeys';
import { stepDelimiter, type Experiment } from '../experiment/settings';
import { load, save } from '../persist/db';
import type { SearchClient } from '../workers/searchClient';
import { gpuRecovery, type GpuRecovery } from '../workers/gpuRecovery';
import { searchPolicy, searchSettings } from './searchSettings';

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
/** Content hashes of the models the search worker loaded, per (policy, verifier, backend). */
const hashes = new Map<string, ModelHashes>();

export interface ModelHashes {
  policy: string;
  verifier: string | null;
}

const modelVerifier = (r: RunSpec) => (r.verifier.kind === 'model' ? r.verifier.spec : null);
const modelsOf = (r: RunSpec) => {
  const v = modelVerifier(r);
  return JSON.stringify([
    specKey(policySpec(searchPolicy(r.e)), r.backend),
    v && specKey(v, r.backend),
  ]);
};

/**
 * Everything that determines a run (`searchKey`): the problem (imported ones are named by line, so
 * the question keeps two sets' runs apart), strategy, budget and seed, and from the experiment table
 * every setting a search depends on, the engine version and the model files' content hashes.
 */
export function runKey(r: RunSpec, h: ModelHashes): string {
  return searchKey(
    `${r.problem.id}:${r.problem.question}`,
    r.strategy,
    r.n,
    searchSettings(r.e),
    runSeed(r.e.seed, r.problem, r.run),
    searchModelsKey(r.e, r.backend, h.policy, h.verifier),
  );
}

/** Names a request in the page's state (which result answers which click); not a cache key. */
export const requestKey = (r: RunSpec): string =>
  JSON.stringify([modelsOf(r), r.problem.id, r.problem.question, r.strategy, r.n, r.run, r.e]);

/** The run, if this page already has it (its models' hashes are known once they have loaded). */
export const cachedRun = (r: RunSpec): SearchResult | undefined => {
  const h = hashes.get(modelsOf(r));
  return h ? cache.get(runKey(r, h)) : undefined;
};

/** Loads a run's models in `client`'s worker (once per models and backend): their content hashes. */
export const loadRunModels = (client: SearchClient, r: RunSpec): Promise<ModelHashes> =>
  client.load(policySpec(searchPolicy(r.e)), modelVerifier(r), r.backend, searchKeys(r.e));

/**
 * A GPU device lost mid-search, recovered (gpuRecovery.ts): the worker restarts and loads the run's
 * models again on a new device or on WASM; pass `gpu.run` the run on the backend it is given.
 */
export const searchRecovery = (
  client: SearchClient,
  r: RunSpec,
  onRecovered: (note: string) => void,
): GpuRecovery =>
  gpuRecovery(r.backend, {
    restart: (why) => client.kill(why),
    reload: (backend) => loadRunModels(client, { ...r, backend }),
    onRecovered,
  });

/**
 * The run from the cache, or searched now by `client` (and cached). The models load first — the
 * search needs them anyway, and their hashes name the run, so a retrained model never replays a
 * stored tree.
 */
export async function searchRun(
  client: SearchClient,
  r: RunSpec,
): Promise<{ result: SearchResult; replayed: boolean }> {
  const h = await loadRunModels(client, r);
  hashes.set(modelsOf(r), h);
  const key = runKey(r, h);
  const hit = cache.get(key) ?? (await load<SearchResult>('searches', key));
  if (hit) {
    cache.set(key, hit);
    return { result: hit, replayed: true };
  }
  const result = await client.run(
    policySpec(searchPolicy(r.e)),
    modelVerifier(r),
    r.backend,
    {
      problem: r.problem,
      strategy: r.strategy,
      n: r.n,
      settings: searchSettings(r.e),
      seed: runSeed(r.e.seed, r.problem, r.run),
      verifier: r.verifier,
      maxTokens: r.e.maxTokens,
      stepDelimiter: stepDelimiter(r.e),
    },
    searchKeys(r.e),
  );
  cache.set(key, result);
  void save('searches', key, result);
  return { result, replayed: false };
}

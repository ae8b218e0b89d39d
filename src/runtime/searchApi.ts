import type { SearchResult, TreeSettings, TreeStrategyId } from '../core/search';
import type { Problem } from '../core/types';
import type { NoisyOracleParams } from '../core/verifiers/noisyOracle';
import type { Backend } from './browserModels';

/** The step verifier of a search: a learned verifier model, or the exact / noisy oracle. */
export type SearchVerifier =
  { kind: 'model'; id: string } | { kind: 'oracle'; noisy?: NoisyOracleParams };

export interface SearchRequest {
  problem: Problem;
  strategy: TreeStrategyId;
  n: number;
  settings: TreeSettings;
  seed: number;
  verifier: SearchVerifier;
}

/** The search worker: its own policy and verifier sessions, one search at a time. */
export interface SearchApi {
  load(policy: string, verifier: string | null, backend: Backend): Promise<void>;
  run(req: SearchRequest): Promise<SearchResult>;
  cancel(): void;
}

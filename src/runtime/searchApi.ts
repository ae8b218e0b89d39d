import type { SearchResult, TreeSettings, TreeStrategyId } from '../core/search';
import type { Problem } from '../core/types';
import type { NoisyOracleParams } from '../core/verifiers/noisyOracle';
import type { Backend } from './browserModels';
import type { RuleSpec } from '../core/verifiers/rules';
import type { ModelSpec } from './modelSpec';
import type { LoadFaults } from './policyApi';

/**
 * The step verifier of a search: a generative verifier model (built-in, or on a remote server with
 * its end-of-sequence text), or the exact / noisy oracle.
 */
export type SearchVerifier =
  | { kind: 'model'; id: string; spec: ModelSpec; eosText?: string; rule?: RuleSpec }
  | { kind: 'oracle'; noisy?: NoisyOracleParams };

/** Remote servers' API keys for the models of a search, in memory only. */
export interface SearchKeys {
  policy?: string;
  verifier?: string;
}

export interface SearchRequest {
  problem: Problem;
  strategy: TreeStrategyId;
  n: number;
  settings: TreeSettings;
  seed: number;
  verifier: SearchVerifier;
  /** Longest solution, in tokens (the experiment's token limit); a step is at most this long too. */
  maxTokens: number;
  /** Where the task's steps split, when the experiment chose (math: a blank line or every line). */
  stepDelimiter?: string;
}

/** The search worker: its own policy and verifier sessions, one search at a time. */
export interface SearchApi {
  /** Loads (once per models and backend) and returns the files' content hashes, for cache keys. */
  load(
    policy: ModelSpec,
    verifier: ModelSpec | null,
    backend: Backend,
    keys?: SearchKeys,
    /** Test build only: the faults the load meets (no GPU adapter). */
    faults?: LoadFaults,
  ): Promise<{ policy: string; verifier: string | null }>;
  /** `faults`, test build only: lose the GPU device once the first step is proposed. */
  run(req: SearchRequest, faults?: { loseDevice: boolean }): Promise<SearchResult>;
  cancel(): void;
}

/** The verifier worker's RPC surface (workers/verifier.worker.ts). */
import type { Problem, VerifierScore } from '../core/types';
import type { Backend, LoadProgress } from './browserModels';
import type { RuleSpec } from '../core/verifiers/rules';
import type { ModelSpec } from './modelSpec';
import type { ModelHandle } from './policyApi';

export interface ScoreRequest {
  problem: Problem;
  texts: string[];
  /** Per text: the sample ended with end-of-sequence, which the verifier reads too. */
  finished: boolean[];
  /** Where the task's steps split, when the experiment chose (math: a blank line or every line). */
  stepDelimiter?: string;
  /** A remote verifier's end-of-sequence text, read after a finished sample (none: not read). */
  eosText?: string;
  /** Read the model by this rule (src/core/verifiers/rules) instead of the generative rule. */
  rule?: RuleSpec;
}

export interface VerifierApi {
  /**
   * A built-in verifier or one on a remote server; `onBytes`: how much of the model file has arrived
   * (for the page's loading line); `apiKey`: a remote server's, in memory only.
   */
  load(
    spec: ModelSpec,
    backend: Backend,
    onBytes?: LoadProgress,
    apiKey?: string,
  ): Promise<ModelHandle>;
  score(req: ScoreRequest): Promise<VerifierScore[]>;
}

/** The verifier worker's RPC surface (workers/verifier.worker.ts). */
import type { Problem, VerifierScore } from '../core/types';
import type { Backend, LoadProgress } from './browserModels';
import type { ModelHandle } from './policyApi';

export interface ScoreRequest {
  problem: Problem;
  texts: string[];
  /** Per text: the sample ended with end-of-sequence, which the verifier reads too. */
  finished: boolean[];
  /** Where the task's steps split, when the experiment chose (math: a blank line or every line). */
  stepDelimiter?: string;
}

export interface VerifierApi {
  /** `onBytes`: how much of the model file has arrived (for the page's loading line). */
  load(id: string, backend: Backend, onBytes?: LoadProgress): Promise<ModelHandle>;
  score(req: ScoreRequest): Promise<VerifierScore[]>;
}

/** The verifier worker's RPC surface (workers/verifier.worker.ts). */
import type { Problem, VerifierScore } from '../core/types';
import type { Backend } from './browserModels';
import type { ModelHandle } from './policyApi';

export interface ScoreRequest {
  problem: Problem;
  texts: string[];
  /** Per text: the sample ended with end-of-sequence, which the verifier reads too. */
  finished: boolean[];
}

export interface VerifierApi {
  load(id: string, backend: Backend): Promise<ModelHandle>;
  score(req: ScoreRequest): Promise<VerifierScore[]>;
}

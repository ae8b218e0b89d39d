/** The policy worker's RPC surface (workers/policy.worker.ts), shared by the worker and its clients. */
import type { Cost, Problem } from '../core/types';
import type { Backend } from './browserModels';
import type { SamplingParams } from './sampling';

export interface SampleRequest {
  problem: Problem;
  n: number;
  seed: number;
  params: SamplingParams & { maxTokens: number };
}

export interface SampleProgress {
  done: number;
  running: number;
  tokens: number;
  tokensPerSecond: number;
}

export interface SampleResult {
  texts: string[];
  tokens: number[];
  cost: Cost;
}

export interface PolicyApi {
  load(id: string, backend: Backend): Promise<{ id: string; hash: string }>;
  sample(req: SampleRequest, onProgress: (p: SampleProgress) => void): Promise<SampleResult>;
  cancel(): void;
}

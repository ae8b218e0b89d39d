/** The policy worker's RPC surface (workers/policy.worker.ts), shared by the worker and its clients. */
import type { Problem } from '../core/types';
import type { Backend, LoadProgress } from './browserModels';
import type { DrawnSamples } from './drawSamples';
import type { SamplingParams } from './sampling';
import type { ForkCheck } from './testing/forkCheck';

export interface DrawRequest {
  problem: Problem;
  seed: number;
  /** Sample indices to draw: a pool grows by drawing only the indices it lacks. */
  indices: number[];
  params: SamplingParams & { maxTokens: number };
}

export interface SampleProgress {
  done: number;
  running: number;
  tokens: number;
  tokensPerSecond: number;
}

export interface ModelHandle {
  id: string;
  hash: string;
  parameters: number;
}

export interface PolicyApi {
  /** `onBytes`: how much of the model file has arrived (for the page's loading line). */
  load(id: string, backend: Backend, onBytes?: LoadProgress): Promise<ModelHandle>;
  draw(req: DrawRequest, onProgress: (p: SampleProgress) => void): Promise<DrawnSamples>;
  cancel(): void;
}

/** Test build only (`TEST_BUILD`): what the policy worker adds for the e2e suite. */
export interface PolicyProbeApi {
  /** Fetches `url` from inside the worker: "ok <status>", or "failed: <error>". */
  probeFetch(url: string): Promise<string>;
  /** Decode after a fork against decode from scratch on a hub-format model at `base` (forkCheck.ts). */
  probeForks(base: string, file: string, backend: Backend): Promise<ForkCheck>;
}

/** The policy worker's RPC surface (workers/policy.worker.ts), shared by the worker and its clients. */
import type { ModelSource, Problem, RemoteSource } from '../core/types';
import type { LoadEvents } from './modelSlot';
import type { ModelSpec } from './modelSpec';
import type { Backend } from './browserModels';
import type { DrawnSamples } from './drawSamples';
import type { SamplingParams } from './sampling';
import type { ForkCheck } from './testing/forkCheck';

export interface DrawRequest {
  problem: Problem;
  seed: number;
  /** Sample indices to draw: a pool grows by drawing only the indices it lacks. */
  indices: number[];
  params: SamplingParams & { maxTokens: number };
  /** Where the task's steps split, when the experiment chose (math: a blank line or every line). */
  stepDelimiter?: string;
  /**
   * The backend the draw runs on and, on WebGPU, the largest buffer the adapter allows: a step
   * predicted not to fit is refused with what to lower (drawMemory.ts). Absent: nothing is checked.
   */
  memory?: { backend: Backend; gpuBuffer?: number };
}

/** Test build only: the faults a load meets, from the e2e suite's hooks. */
export interface LoadFaults {
  /** Cache writes to fail (a full disk). */
  failCacheWrites?: number;
  /** No GPU adapter in this worker (a browser that blocked the GPU after it crashed). */
  noGpuAdapter?: boolean;
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
  /** A hub model's dtype, resolved revision and files. */
  source?: ModelSource;
  /** A remote model's server, and what was detected there (one line each, with its cost). */
  remote?: RemoteSource;
  capabilities?: string[];
}

export interface PolicyApi {
  /**
   * How much of each file has arrived, and the page's check before the weights download: separate
   * arguments, since comlink proxies only a call's own arguments, not functions inside an object.
   */
  load(
    spec: ModelSpec,
    backend: Backend,
    onBytes?: LoadEvents['onBytes'],
    onFile?: LoadEvents['onFile'],
    beforeDownload?: LoadEvents['beforeDownload'],
    /** A remote server's API key, held in the worker's memory only. */
    apiKey?: string,
    faults?: LoadFaults,
  ): Promise<ModelHandle>;
  draw(
    req: DrawRequest,
    onProgress: (p: SampleProgress) => void,
    /** Test build only: lose the GPU device at the first decode step. */
    faults?: { loseDevice: boolean },
  ): Promise<DrawnSamples>;
  /** Stops a load (its download) or a draw in progress. */
  cancel(): void;
}

/** Test build only (`TEST_BUILD`): what the policy worker adds for the e2e suite. */
export interface PolicyProbeApi {
  /** Fetches `url` from inside the worker: "ok <status>", or "failed: <error>". */
  probeFetch(url: string): Promise<string>;
  /** Decode after a fork against decode from scratch on a hub-format model at `base` (forkCheck.ts). */
  probeForks(base: string, file: string, backend: Backend): Promise<ForkCheck>;
}

import type { SearchResult } from '../../core/search';
import type { Backend } from '../../runtime/browserModels';
import type { ModelSpec } from '../../runtime/modelSpec';
import type { SearchApi, SearchKeys, SearchRequest } from '../../runtime/searchApi';
import { TEST_BUILD } from '../../runtime/testBuild';
import { gpuGone, gpuLossDue, testHooks } from '../testHooks';
import { WorkerClient } from './workerClient';

/** The search worker: loads the policy and verifier once per (models, backend), runs one search. */
export class SearchClient extends WorkerClient<SearchApi> {
  constructor() {
    super(
      () =>
        new Worker(new URL('../../../workers/search.worker.ts', import.meta.url), {
          type: 'module',
        }),
      'search',
    );
  }

  /** Loads the models (once per page) and returns their content hashes. */
  load(
    policy: ModelSpec,
    verifier: ModelSpec | null,
    backend: Backend,
    keys: SearchKeys = {},
  ): Promise<{ policy: string; verifier: string | null }> {
    if (policy.kind !== 'remote' || (verifier && verifier.kind !== 'remote'))
      this.runtimeFor(backend);
    const faults = TEST_BUILD && gpuGone() ? [{ noGpuAdapter: true }] : [];
    return this.guard(this.api.load(policy, verifier, backend, keys, ...faults));
  }

  async run(
    policy: ModelSpec,
    verifier: ModelSpec | null,
    backend: Backend,
    req: SearchRequest,
    keys: SearchKeys = {},
  ): Promise<SearchResult> {
    await this.load(policy, verifier, backend, keys);
    const loseDevice = TEST_BUILD && gpuLossDue('search');
    const running = this.guard(
      this.api.run(req, ...(loseDevice ? [{ loseDevice }] : [])) as Promise<SearchResult>,
    );
    if (TEST_BUILD) {
      const hooks = testHooks();
      if (hooks && hooks.searchRunsStarted !== undefined) hooks.searchRunsStarted++;
      // The run has been sent: killing now fails it as a worker dying mid-search would.
      if (hooks?.killSearchWorkerOnRun !== undefined && --hooks.killSearchWorkerOnRun === 0) {
        delete hooks.killSearchWorkerOnRun;
        this.kill('the search worker was stopped (test hook)');
      }
    }
    return running;
  }

  cancel(): void {
    void this.api.cancel();
  }
}

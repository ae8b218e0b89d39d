import type { SearchResult } from '../../core/search';
import type { Backend } from '../../runtime/browserModels';
import type { ModelSpec } from '../../runtime/modelSpec';
import type { SearchApi, SearchKeys, SearchRequest } from '../../runtime/searchApi';
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
    return this.guard(this.api.load(policy, verifier, backend, keys));
  }

  async run(
    policy: ModelSpec,
    verifier: ModelSpec | null,
    backend: Backend,
    req: SearchRequest,
    keys: SearchKeys = {},
  ): Promise<SearchResult> {
    await this.guard(this.api.load(policy, verifier, backend, keys));
    return this.guard(this.api.run(req) as Promise<SearchResult>);
  }

  cancel(): void {
    void this.api.cancel();
  }
}

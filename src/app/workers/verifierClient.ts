import * as Comlink from 'comlink';
import type { VerifierScore } from '../../core/types';
import type { Backend, LoadProgress } from '../../runtime/browserModels';
import type { ModelHandle } from '../../runtime/policyApi';
import type { ScoreRequest, VerifierApi } from '../../runtime/verifierApi';
import { WorkerClient } from './workerClient';

/** One verifier worker per learned verifier: loads it once per backend and scores samples. */
export class VerifierClient extends WorkerClient<VerifierApi> {
  private loaded: { key: string; handle: Promise<ModelHandle> } | null = null;

  constructor(readonly model: string) {
    super(
      () =>
        new Worker(new URL('../../../workers/verifier.worker.ts', import.meta.url), {
          type: 'module',
        }),
      `verifier (${model})`,
    );
  }

  protected override onSpawn(): void {
    this.loaded = null;
  }

  load(backend: Backend, onBytes?: LoadProgress): Promise<ModelHandle> {
    if (this.loaded?.key !== backend) {
      const handle = this.guard(
        this.api.load(this.model, backend, onBytes ? Comlink.proxy(onBytes) : undefined),
      );
      this.loaded = { key: backend, handle };
      handle.catch(() => this.loaded?.handle === handle && (this.loaded = null));
    }
    return this.loaded.handle;
  }

  async score(backend: Backend, req: ScoreRequest): Promise<VerifierScore[]> {
    await this.load(backend);
    return this.guard(this.api.score(req));
  }
}

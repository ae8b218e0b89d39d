import * as Comlink from 'comlink';
import type { VerifierScore } from '../../core/types';
import type { Backend, LoadProgress } from '../../runtime/browserModels';
import { specKey, type ModelSpec } from '../../runtime/modelSpec';
import type { ModelHandle } from '../../runtime/policyApi';
import type { ScoreRequest, VerifierApi } from '../../runtime/verifierApi';
import { apiKeyVersion } from '../remote/apiKeys';
import { TEST_BUILD } from '../../runtime/testBuild';
import { testHooks } from '../testHooks';
import { WorkerClient } from './workerClient';

/**
 * One verifier worker per verifier model (built-in, or on a remote server): loads it once per
 * backend (and API key) and scores samples.
 */
export class VerifierClient extends WorkerClient<VerifierApi> {
  private loaded: { key: string; handle: Promise<ModelHandle> } | null = null;

  constructor(readonly spec: ModelSpec) {
    super(
      () =>
        new Worker(new URL('../../../workers/verifier.worker.ts', import.meta.url), {
          type: 'module',
        }),
      `verifier (${spec.kind === 'builtin' ? spec.id : spec.model})`,
    );
  }

  protected override onSpawn(): void {
    this.loaded = null;
  }

  load(backend: Backend, onBytes?: LoadProgress, apiKey?: string): Promise<ModelHandle> {
    // The key is part of what loaded (a new key after a 401 connects again), never of a name.
    const key = `${specKey(this.spec, backend)}#${apiKeyVersion()}`;
    if (this.spec.kind !== 'remote') this.runtimeFor(backend);
    if (this.loaded?.key !== key) {
      const handle = this.guard(
        this.api.load(this.spec, backend, onBytes ? Comlink.proxy(onBytes) : undefined, apiKey),
      );
      this.loaded = { key, handle };
      handle.catch(() => this.loaded?.handle === handle && (this.loaded = null));
    }
    return this.loaded.handle;
  }

  async score(backend: Backend, req: ScoreRequest, apiKey?: string): Promise<VerifierScore[]> {
    await this.load(backend, undefined, apiKey);
    const scoring = this.guard(this.api.score(req));
    if (TEST_BUILD) {
      const hooks = testHooks();
      if (hooks && hooks.scoreCallsStarted !== undefined) hooks.scoreCallsStarted++;
      // The call has been sent: killing now fails it as a worker dying mid-scoring would.
      if (
        hooks?.killVerifierWorkerOnScore !== undefined &&
        --hooks.killVerifierWorkerOnScore === 0
      ) {
        delete hooks.killVerifierWorkerOnScore;
        this.kill('the verifier worker was stopped (test hook)');
      }
    }
    return scoring;
  }
}

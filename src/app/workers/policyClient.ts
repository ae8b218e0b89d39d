import * as Comlink from 'comlink';
import type { Backend } from '../../runtime/browserModels';
import type { LoadEvents } from '../../runtime/modelSlot';
import { specKey, type ModelSpec } from '../../runtime/modelSpec';
import type { DrawnSamples } from '../../runtime/drawSamples';
import type { DrawRequest, ModelHandle, PolicyApi, SampleProgress } from '../../runtime/policyApi';
import { TEST_BUILD } from '../../runtime/testBuild';
import { testHooks } from '../testHooks';
import { apiKeyFor, apiKeyVersion } from '../remote/apiKeys';
import { WorkerClient } from './workerClient';

/** Test build: the cache writes the e2e suite asked to fail, handed to the next load (once). */
function takeCacheFaults(): { failCacheWrites: number } | undefined {
  const hooks = testHooks();
  const n = hooks?.failCacheWrites ?? 0;
  if (!hooks || n === 0) return undefined;
  hooks.failCacheWrites = 0;
  return { failCacheWrites: n };
}

/** The policy worker: loads a model once per (model, backend), draws samples with progress, cancels. */
export class PolicyClient extends WorkerClient<PolicyApi> {
  private loaded: { key: string; handle: Promise<ModelHandle> } | null = null;

  constructor() {
    super(
      () =>
        new Worker(new URL('../../../workers/policy.worker.ts', import.meta.url), {
          type: 'module',
        }),
      'policy',
    );
  }

  protected override onSpawn(): void {
    this.loaded = null;
  }

  /** Loads `spec` unless it is the model already loaded; `events` cross to the worker as proxies. */
  load(spec: ModelSpec, backend: Backend, events: LoadEvents = {}): Promise<ModelHandle> {
    // A remote server's key goes to the worker beside the spec, in memory; a new key connects again.
    const apiKey = spec.kind === 'remote' ? apiKeyFor(spec.baseUrl) : undefined;
    const key = `${specKey(spec, backend)}#${spec.kind === 'remote' ? apiKeyVersion() : 0}`;
    if (this.loaded?.key !== key) {
      const proxy = <F extends object>(f: F | undefined) => (f ? Comlink.proxy(f) : undefined);
      const handle = this.guard(
        this.api.load(
          spec,
          backend,
          proxy(events.onBytes),
          proxy(events.onFile),
          proxy(events.beforeDownload),
          apiKey,
          ...(TEST_BUILD ? [takeCacheFaults()] : []),
        ),
      );
      this.loaded = { key, handle };
      handle.catch(() => this.loaded?.handle === handle && (this.loaded = null));
    }
    return this.loaded.handle;
  }

  async draw(
    model: ModelSpec,
    backend: Backend,
    req: DrawRequest,
    onProgress: (p: SampleProgress) => void,
  ): Promise<DrawnSamples> {
    await this.load(model, backend);
    let first = true;
    return this.guard(
      this.api.draw(
        req,
        Comlink.proxy((p: SampleProgress) => {
          onProgress(p);
          if (TEST_BUILD) {
            const hooks = testHooks();
            if (first && hooks?.killWorkerOnFirstProgress) {
              hooks.killWorkerOnFirstProgress = false;
              this.kill('the policy worker was stopped (test hook)');
            }
          }
          first = false;
        }),
      ),
    );
  }

  cancel(): void {
    void this.api.cancel();
  }
}

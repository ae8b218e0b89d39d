import * as Comlink from 'comlink';
import type { Backend } from '../../runtime/browserModels';
import type { LoadEvents } from '../../runtime/modelSlot';
import { specKey, type ModelSpec } from '../../runtime/modelSpec';
import type { DrawnSamples } from '../../runtime/drawSamples';
import type {
  DrawRequest,
  LoadFaults,
  ModelHandle,
  PolicyApi,
  SampleProgress,
} from '../../runtime/policyApi';
import { TEST_BUILD } from '../../runtime/testBuild';
import { gpuGone, gpuLossDue, testHooks } from '../testHooks';
import { apiKeyFor, apiKeyVersion } from '../remote/apiKeys';
import { WorkerClient } from './workerClient';

/**
 * Test build: the faults the next load meets — the cache writes the e2e suite asked to fail (handed
 * on once), and no GPU adapter once a lost device took the GPU away.
 */
function takeLoadFaults(): LoadFaults {
  const hooks = testHooks();
  if (!hooks) return {};
  const n = hooks.failCacheWrites ?? 0;
  hooks.failCacheWrites = 0;
  return {
    ...(n > 0 ? { failCacheWrites: n } : {}),
    ...(gpuGone() ? { noGpuAdapter: true } : {}),
  };
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
    if (spec.kind !== 'remote') this.runtimeFor(backend);
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
          ...(TEST_BUILD ? [takeLoadFaults()] : []),
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
    const hooks = TEST_BUILD ? testHooks() : undefined;
    if (hooks?.drawsStarted !== undefined) hooks.drawsStarted++;
    const loseDevice = TEST_BUILD && gpuLossDue('draw');
    return this.guard(
      this.api.draw(
        req,
        Comlink.proxy((p: SampleProgress) => {
          onProgress(p);
          if (TEST_BUILD && first && hooks?.killWorkerOnFirstProgress) {
            hooks.killWorkerOnFirstProgress = false;
            this.kill('the policy worker was stopped (test hook)');
          }
          first = false;
        }),
        ...(loseDevice ? [{ loseDevice }] : []),
      ),
    );
  }

  cancel(): void {
    void this.api.cancel();
  }
}

import * as Comlink from 'comlink';
import type { Backend } from '../runtime/browserModels';
import type { PolicyApi, SampleProgress, SampleRequest, SampleResult } from '../runtime/policyApi';

/** Test hooks, set by the e2e suite through `window.__TTC_TEST__` (never by timers). */
interface TestHooks {
  killWorkerOnFirstProgress?: boolean;
}

export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/**
 * The policy worker, from the page's side: loads the model once, samples with progress, cancels, and
 * turns a dead worker into an error (then starts a fresh worker, so a retry works).
 */
export class PolicyClient {
  private worker!: Worker;
  private api!: Comlink.Remote<PolicyApi>;
  private loaded: string | null = null;
  private crash!: Promise<never>;
  private rejectCrash!: (e: Error) => void;

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../workers/policy.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.api = Comlink.wrap<PolicyApi>(this.worker);
    this.loaded = null;
    this.crash = new Promise<never>((_, reject) => (this.rejectCrash = reject));
    this.crash.catch(() => undefined); // observed by whoever is waiting; never an unhandled rejection
    this.worker.onerror = (e) =>
      this.kill(`the model worker crashed: ${e.message || 'unknown error'}`);
  }

  /** Terminates the worker, fails whatever was pending, and starts a fresh one. */
  kill(reason: string): void {
    this.worker.terminate();
    this.rejectCrash(new WorkerCrashError(reason));
    this.spawn();
  }

  private guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.crash]);
  }

  async sample(
    model: string,
    backend: Backend,
    req: SampleRequest,
    onProgress: (p: SampleProgress) => void,
  ): Promise<SampleResult> {
    const key = `${model}@${backend}`;
    if (this.loaded !== key) {
      await this.guard(this.api.load(model, backend));
      this.loaded = key;
    }
    let first = true;
    const hooks = (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__;
    return this.guard(
      this.api.sample(
        req,
        Comlink.proxy((p: SampleProgress) => {
          onProgress(p);
          if (first && hooks?.killWorkerOnFirstProgress) {
            hooks.killWorkerOnFirstProgress = false;
            this.kill('the model worker was stopped (test hook)');
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

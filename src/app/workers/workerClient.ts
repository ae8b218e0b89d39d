import * as Comlink from 'comlink';
import type { Backend } from '../../runtime/browserModels';

export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/**
 * One comlink worker seen from the page: calls race against the worker's death, so a crash fails what
 * was pending with a typed error instead of hanging, and a fresh worker is started for the next call.
 */
export class WorkerClient<Api> {
  private worker!: Worker;
  protected api!: Comlink.Remote<Api>;
  private crash!: Promise<never>;
  private rejectCrash!: (e: Error) => void;
  /** The backend this worker's ONNX Runtime was started for: a worker loads one ORT build, once. */
  private runtime: Backend | null = null;
  /** Called after every (re)start: what a fresh worker has lost (e.g. its loaded model). */
  protected onSpawn(): void {}

  constructor(
    private readonly make: () => Worker,
    private readonly label: string,
  ) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = this.make();
    this.api = Comlink.wrap<Api>(this.worker);
    this.crash = new Promise<never>((_, reject) => (this.rejectCrash = reject));
    this.crash.catch(() => undefined); // observed by whoever is waiting; never an unhandled rejection
    this.worker.onerror = (e) =>
      this.kill(`the ${this.label} worker crashed: ${e.message || 'unknown error'}`);
    this.runtime = null;
    this.onSpawn();
  }

  /**
   * Before loading models on `backend`: a worker whose runtime was started for the other backend is
   * replaced by a fresh one. WASM runs on ORT's plain build, faster than the asyncify build WebGPU
   * needs, and a worker cannot swap the build it has loaded (ortAssets.ts).
   */
  protected runtimeFor(backend: Backend): void {
    if (this.runtime !== null && this.runtime !== backend)
      this.kill(`the ${this.label} worker restarted for the ${backend} runtime`);
    this.runtime = backend;
  }

  /** Terminates the worker, fails whatever was pending, and starts a fresh one. */
  kill(reason: string): void {
    this.worker.terminate();
    this.rejectCrash(new WorkerCrashError(reason));
    this.spawn();
  }

  /** Terminates the worker for good (a client that is no longer needed). */
  dispose(): void {
    this.worker.onerror = null;
    this.worker.terminate();
  }

  protected guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.crash]);
  }
}

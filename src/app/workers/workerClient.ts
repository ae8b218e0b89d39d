import * as Comlink from 'comlink';

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
    this.onSpawn();
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

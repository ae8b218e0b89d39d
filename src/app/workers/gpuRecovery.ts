/**
 * A GPU device lost mid-run, recovered. The call that failed with it runs again after its worker
 * restarts (ORT keeps one device per worker, lost or not): on a new device, or on WASM when none can
 * be had. A second loss in one run goes to WASM at once: a device that keeps being lost is not one to
 * retry on. What finished before the loss is the caller's and stays; `backend()` says where the rest
 * runs, so the caller can record it on what it produces.
 */
import type { Backend } from '../../runtime/browserModels';
import { describeError } from './errors';

export interface RecoveryDeps {
  /** Stops the worker whose device was lost and starts a fresh one. */
  restart(reason: string): void;
  /** Loads the run's models in the fresh worker on `backend` (fails when no device can be had). */
  reload(backend: Backend): Promise<unknown>;
  /** What happened, in a sentence for the run bar. */
  onRecovered(note: string): void;
}

export interface GpuRecovery {
  /** The backend calls run on now. */
  backend(): Backend;
  /** `attempt` on the current backend; after a device loss, again on the backend recovered to. */
  run<T>(attempt: (backend: Backend) => Promise<T>, where: string): Promise<T>;
}

const isLoss = (e: unknown) => describeError(e).kind === 'device-lost';

export function gpuRecovery(start: Backend, deps: RecoveryDeps): GpuRecovery {
  let backend = start;
  let losses = 0;
  const toWasm = async (why: string, where: string) => {
    backend = 'wasm';
    await deps.reload('wasm');
    deps.onRecovered(`The GPU device was lost ${where}; ${why}, so the run went on on WASM.`);
  };
  return {
    backend: () => backend,
    async run(attempt, where) {
      for (;;) {
        try {
          return await attempt(backend);
        } catch (e) {
          if (backend !== 'webgpu' || !isLoss(e)) throw e;
          losses++;
          deps.restart('the GPU device was lost');
          if (losses > 1) {
            await toWasm('it had been lost once already in this run', where);
            continue;
          }
          try {
            await deps.reload('webgpu');
            deps.onRecovered(
              `The GPU device was lost ${where}; the worker restarted on a new device and the run went on.`,
            );
          } catch (err) {
            const d = describeError(err);
            if (d.kind === 'cancelled' || d.kind === 'crash') throw err;
            await toWasm(`no new GPU device could be had (${d.message})`, where);
          }
        }
      }
    },
  };
}

/**
 * The GPU device ORT's WebGPU backend runs on, watched for loss. A lost device fails every later
 * session run, or leaves it waiting on a buffer that never maps, so a call in flight is raced against
 * the loss and ends with a `DeviceLostError` the page recovers from: it restarts the worker (ORT keeps
 * one device per worker, for good) and goes on on a new device or on WASM (app/workers/gpuRecovery.ts).
 */
import * as ort from 'onnxruntime-web';

export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}

/** What this file needs of a `GPUDevice` (the app is not typed against @webgpu/types). */
interface DeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
  queue: { onSubmittedWorkDone(): Promise<void> };
}

let device: DeviceLike | null = null;
let loss: DeviceLostError | null = null;
let lost: Promise<never> | null = null;

/** After a WebGPU session exists in this worker: watch its device (ORT has created it by then). */
export async function watchGpuDevice(): Promise<void> {
  if (device) return;
  const d = (await ort.env.webgpu.device) as unknown as DeviceLike;
  device = d;
  lost = d.lost.then((info) => {
    const why = [info.reason, info.message].filter(Boolean).join(': ');
    throw (loss = new DeviceLostError(`the GPU device was lost${why ? ` (${why})` : ''}`));
  });
  lost.catch(() => undefined); // observed by the calls raced against it
}

/**
 * `p`, or a `DeviceLostError` as soon as the device is lost. A failure of `p` itself is read after
 * one round trip to the GPU process (`onSubmittedWorkDone` resolves on a lost device too): a mapping
 * that failed because the device went away is reported as the loss, not as its symptom.
 */
export function raceDeviceLoss<T>(p: Promise<T>): Promise<T> {
  const d = device;
  if (!d || !lost) return p;
  const settled = p.catch(async (e: unknown) => {
    await d.queue.onSubmittedWorkDone().catch(() => undefined);
    throw loss ?? e;
  });
  return Promise.race([settled, lost]);
}

/** Test build: the device is lost now, as a driver reset or a GPU process crash would lose it. */
export function loseGpuDevice(): void {
  device?.destroy();
}

/** Test build: this worker finds no GPU adapter, as in a browser that blocked the GPU after a loss. */
export function hideGpuAdapter(): void {
  const gpu = (navigator as { gpu?: { requestAdapter: () => Promise<null> } }).gpu;
  if (gpu) gpu.requestAdapter = () => Promise.resolve(null);
}

/**
 * The checks before a hub model's weights download, with the numbers in the message: that this
 * browser's storage can hold them (`navigator.storage.estimate()`), that WebGPU can run the dtype
 * (float16 needs `shader-f16`), and that its largest tensor fits the adapter's buffer limits.
 */
import type { BackendInfo } from '../../runtime/backend';
import type { Backend } from '../../runtime/browserModels';
import type { DownloadPlan } from '../../runtime/hub/loadHub';
import { F16_DTYPES, type PolicyDtype } from '../experiment/settings';
import { TEST_BUILD } from '../../runtime/testBuild';
import { testHooks } from '../testHooks';

export class DownloadRefused extends Error {
  override name = 'ModelLoadError'; // the page shows it as a load failure (workers/errors.ts)
}

export interface StorageEstimate {
  usage?: number;
  quota?: number;
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/**
 * The largest weight tensor, estimated from the config before anything downloads: the token
 * embedding (vocab × hidden), which transformers.js exports keep in float32 except in the f16 dtypes.
 */
export function largestTensorBytes(config: Record<string, unknown>, dtype: string): number | null {
  const vocab = Number(config['vocab_size']);
  const hidden = Number(config['hidden_size']);
  if (!(vocab > 0 && hidden > 0)) return null;
  return vocab * hidden * (F16_DTYPES.has(dtype as PolicyDtype) ? 2 : 4);
}

/** The largest single buffer this WebGPU adapter allows, where it says (for drawMemory.ts). */
export function gpuBuffer(info: BackendInfo | null): { gpuBuffer?: number } {
  return info?.kind === 'webgpu' && info.limits
    ? { gpuBuffer: Math.min(info.limits.maxBufferSize, info.limits.maxStorageBufferBindingSize) }
    : {};
}

/** Why `plan` cannot run on `backend` of this adapter, or null. */
export function adapterRefusal(
  plan: Pick<DownloadPlan, 'model' | 'dtype' | 'config'>,
  backend: Backend,
  info: BackendInfo | null,
): string | null {
  if (backend !== 'webgpu' || info?.kind !== 'webgpu') return null;
  if (F16_DTYPES.has(plan.dtype as PolicyDtype) && !info.f16)
    return `${plan.model} ${plan.dtype} has float16 weights, and this WebGPU adapter (${info.adapter}) has no shader-f16: choose q4 or q8, or run on WASM.`;
  const tensor = largestTensorBytes(plan.config, plan.dtype);
  const limit = info.limits
    ? Math.min(info.limits.maxBufferSize, info.limits.maxStorageBufferBindingSize)
    : null;
  if (tensor !== null && limit !== null && tensor > limit)
    return `${plan.model} ${plan.dtype} is too big for this WebGPU adapter: its embedding is ${mb(tensor)}, and the adapter's buffers hold at most ${mb(limit)} (maxBufferSize ${mb(info.limits!.maxBufferSize)}, maxStorageBufferBindingSize ${mb(info.limits!.maxStorageBufferBindingSize)}). Run it on WASM, or choose a smaller model.`;
  return null;
}

/** Why this browser's storage cannot take the files still to download, or null. */
export function quotaRefusal(
  plan: Pick<DownloadPlan, 'model' | 'files'>,
  est: StorageEstimate,
): string | null {
  const needed = plan.files.reduce((a, f) => a + (f.cached ? 0 : (f.bytes ?? 0)), 0);
  if (needed === 0 || est.quota === undefined) return null;
  const free = est.quota - (est.usage ?? 0);
  if (needed <= free) return null;
  return `${plan.model} needs ${mb(needed)} more, and this browser lets this site store only ${mb(Math.max(0, free))} more (${mb(est.usage ?? 0)} of ${mb(est.quota)} used). Delete models you no longer need under "This browser", then Retry.`;
}

export async function checkDownload(
  plan: DownloadPlan,
  backend: Backend,
  info: BackendInfo | null,
  estimate: () => Promise<StorageEstimate>,
): Promise<void> {
  const why = adapterRefusal(plan, backend, info) ?? quotaRefusal(plan, await estimate());
  if (why) throw new DownloadRefused(why);
}

/** This browser's storage estimate (the test build can answer for it: a quota too small). */
export async function browserStorageEstimate(): Promise<StorageEstimate> {
  if (TEST_BUILD) {
    const hooked = testHooks()?.storageEstimate;
    if (hooked) return hooked;
  }
  return (await navigator.storage?.estimate?.()) ?? {};
}

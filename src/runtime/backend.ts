/**
 * Which inference backend this browser offers. WebGPU when an adapter is available (with its name, and
 * whether it is a software/fallback adapter such as SwiftShader, on which WASM is far faster); WASM
 * otherwise, with the reason. Takes the `navigator.gpu` object as an argument so Node tests can pass
 * their own.
 */
export interface BackendInfo {
  kind: 'webgpu' | 'wasm';
  /** Human-readable adapter name, for WebGPU. */
  adapter?: string;
  /** True for software/fallback adapters (CPU emulation of a GPU). */
  software?: boolean;
  /** Why WebGPU is not offered, for WASM. */
  reason?: string;
  /** Whether the adapter has `shader-f16` (float16 weights: the q4f16 and fp16 dtypes). */
  f16?: boolean;
  /** The adapter's buffer limits, in bytes: the largest weight tensor must fit both. */
  limits?: { maxBufferSize: number; maxStorageBufferBindingSize: number };
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
  features?: { has(name: string): boolean };
  limits?: { maxBufferSize?: number; maxStorageBufferBindingSize?: number };
}

export interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<AdapterLike | null>;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i;

export function adapterName(info: AdapterInfoLike | undefined): string {
  if (!info) return 'unknown adapter';
  const name =
    info.description?.trim() ||
    [info.vendor, info.architecture, info.device].filter(Boolean).join(' ').trim();
  return name || 'unknown adapter';
}

export async function detectBackend(gpu: GpuLike | undefined): Promise<BackendInfo> {
  if (!gpu) return { kind: 'wasm', reason: 'this browser does not expose WebGPU' };
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { kind: 'wasm', reason: `WebGPU adapter request failed: ${(e as Error).message}` };
  }
  if (!adapter) return { kind: 'wasm', reason: 'no WebGPU adapter is available' };
  const name = adapterName(adapter.info);
  const software =
    adapter.info?.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    SOFTWARE.test(`${name} ${adapter.info?.vendor ?? ''} ${adapter.info?.architecture ?? ''}`);
  const limits =
    adapter.limits?.maxBufferSize && adapter.limits.maxStorageBufferBindingSize
      ? {
          maxBufferSize: adapter.limits.maxBufferSize,
          maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        }
      : undefined;
  return {
    kind: 'webgpu',
    adapter: name,
    software,
    f16: adapter.features?.has('shader-f16') ?? false,
    ...(limits ? { limits } : {}),
  };
}

/** The browser's WebGPU entry point, if any. */
export function browserGpu(): GpuLike | undefined {
  return typeof navigator !== 'undefined' && 'gpu' in navigator
    ? (navigator as unknown as { gpu?: GpuLike }).gpu
    : undefined;
}

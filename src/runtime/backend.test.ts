import { describe, expect, it } from 'vitest';
import { detectBackend, type GpuLike } from './backend';

const gpuWith = (adapter: unknown): GpuLike => ({ requestAdapter: async () => adapter as never });

describe('detectBackend', () => {
  it('offers WASM, with a reason, when there is no WebGPU or no adapter', async () => {
    expect(await detectBackend(undefined)).toEqual({
      kind: 'wasm',
      reason: 'this browser does not expose WebGPU',
    });
    expect(await detectBackend(gpuWith(null))).toMatchObject({
      kind: 'wasm',
      reason: expect.stringMatching(/no WebGPU adapter/),
    });
    const throwing: GpuLike = {
      requestAdapter: async () => Promise.reject(new Error('device lost')),
    };
    expect(await detectBackend(throwing)).toMatchObject({
      kind: 'wasm',
      reason: expect.stringMatching(/device lost/),
    });
  });

  it('names a hardware adapter', async () => {
    const info = { vendor: 'nvidia', architecture: 'hopper', description: '' };
    expect(await detectBackend(gpuWith({ info }))).toEqual({
      kind: 'webgpu',
      adapter: 'nvidia hopper',
      software: false,
      f16: false,
    });
  });

  it('reads shader-f16 and the buffer limits', async () => {
    const adapter = {
      info: { vendor: 'nvidia' },
      features: new Set(['shader-f16']),
      limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
    };
    expect(await detectBackend(gpuWith(adapter))).toMatchObject({
      f16: true,
      limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
    });
  });

  it('flags SwiftShader and fallback adapters as software', async () => {
    expect(
      await detectBackend(gpuWith({ info: { vendor: 'google', architecture: 'swiftshader' } })),
    ).toMatchObject({ software: true });
    expect(
      await detectBackend(gpuWith({ info: { vendor: 'x', isFallbackAdapter: true } })),
    ).toMatchObject({ software: true });
  });
});

import { describe, expect, it } from 'vitest';
import { drawMemory, drawRefusal, WASM32_HEAP, type DrawMemoryFacts } from './drawMemory';

// The hub test model's shape with a wide cache: 2 layers, 16 KV heads of 256, float32, vocab 151,936.
const WIDE: DrawMemoryFacts = {
  layers: 2,
  kvHeads: 16,
  headDim: 256,
  vocabSize: 151936,
  kvBytesPerElement: 4,
  weightBytes: 50e6,
};

describe('drawMemory', () => {
  it('counts one layer’s K tensor, past and present caches, and a step’s float32 logits', () => {
    const m = drawMemory(WIDE, 8, 100);
    // 8 rows × 16 heads × 100 positions × 256 × 4 B.
    expect(m.kvLayerTensor).toBe(8 * 16 * 100 * 256 * 4);
    // K and V, every layer, past and present alive together during a step.
    expect(m.kvCache).toBe(2 * 2 * 2 * m.kvLayerTensor);
    expect(m.logits).toBe(8 * 151936 * 4);
    expect(m.wasmTotal).toBe(50e6 + m.kvCache + m.logits);
  });
});

describe('drawRefusal', () => {
  it('refuses a WASM step past 4 GiB and names the largest N and length that fit', () => {
    // 1024 rows at 50 positions: a layer's K is 1024 × 16 × 50 × 256 × 4 B = 0.84 GB, the caches
    // 8 × that = 6.71 GB, with 0.62 GB of logits and the weights 7.4 GB. 512 rows: 3.72 GB, which
    // fits; 1024 rows at 25 positions: 4.03 GB, which fits too.
    const why = drawRefusal('org/wide', WIDE, 1024, 50, 'wasm', { wasmHeap: WASM32_HEAP });
    expect(why).toContain(
      'drawing N = 1024 samples at 50 tokens (prompt and solution so far) needs 7.4 GB',
    );
    expect(why).toContain("more than WASM's 4.3 GB heap (weights 50 MB, KV cache and logits)");
    expect(why).toContain(
      'Lower N to 512 or fewer, or Max tokens so prompt and solution stay under 25 tokens, or a smaller dtype or model.',
    );
    expect(why).not.toContain('run on WASM');
    expect(drawRefusal('org/wide', WIDE, 128, 50, 'wasm', { wasmHeap: WASM32_HEAP })).toBeNull();
  });

  it('refuses on WebGPU when one layer’s cache outgrows the largest buffer, and offers WASM', () => {
    const gpuBuffer = 2 ** 30; // SwiftShader's maxBufferSize and maxStorageBufferBindingSize
    // 1024 rows: a layer's K grows by 1024 × 16 × 256 × 4 B = 16 MiB a position, 1 GiB at 64.
    expect(drawRefusal('org/wide', WIDE, 1024, 64, 'webgpu', { gpuBuffer })).toBeNull();
    const why = drawRefusal('org/wide', WIDE, 1024, 65, 'webgpu', { gpuBuffer });
    expect(why).toContain("this GPU's largest buffer (1.1 GB) for one layer's KV cache");
    expect(why).toContain(
      'Lower N to 512 or fewer, or Max tokens so prompt and solution stay under 32 tokens',
    );
    expect(why).toContain('or run on WASM');
    // The logits are one buffer too: 2048 rows × 151,936 × 4 B = 1.24 GB > 1 GiB at any length.
    expect(drawRefusal('org/wide', WIDE, 2048, 1, 'webgpu', { gpuBuffer })).toContain(
      "for a step's logits",
    );
    // The WASM heap limit is not WebGPU's, and unknown limits check nothing.
    expect(drawRefusal('org/wide', WIDE, 1024, 65, 'webgpu', { wasmHeap: 1 })).toBeNull();
    expect(drawRefusal('org/wide', WIDE, 1 << 20, 1 << 20, 'wasm', {})).toBeNull();
  });
});

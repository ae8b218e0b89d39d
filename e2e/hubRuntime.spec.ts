/**
 * The runtime on a hub-format Qwen3 model in the browser, in a real policy worker: decode after a
 * fork equals decode from scratch, on WASM and on WebGPU (SwiftShader; a few tokens), for plain
 * attention and ORT's GroupQueryAttention. On WebGPU the cache stays on the GPU and is forked there.
 * The model (training/hub_test_model.py; 4,096-token vocabulary so the sampling head is spliced on)
 * is written to the temp folder and served through page.route.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ForkCheck } from '../src/runtime/testing/forkCheck';
import { hubTestModel } from '../src/runtime/testing/hubTestModel';

type Probe = { forkCheck(base: string, file: string, backend: string): Promise<ForkCheck> };

const SMALL = ['--vocab', '4096', '--max-positions', '128'];

async function serve(page: Page, root: string) {
  await page.route('**/test-models/**', (route) => {
    const path = decodeURIComponent(
      new URL(route.request().url()).pathname.replace(/^\/test-models\//, ''),
    );
    const file = join(root, path);
    if (path.includes('..') || !existsSync(file))
      return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      body: readFileSync(file),
      contentType: 'application/octet-stream',
    });
  });
}

const check = (page: Page, base: string, file: string, backend: string) =>
  page.evaluate(
    ([b, f, be]) =>
      (globalThis as unknown as { __TTC_PROBE__: Probe }).__TTC_PROBE__.forkCheck(b!, f!, be!),
    [base, file, backend],
  );

for (const variant of ['plain', 'gqa'] as const) {
  test(`${variant} attention: decode after a fork equals decode from scratch (WASM fp32 and fp16, WebGPU fp32)`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const tm = hubTestModel(variant, ['fp32', 'fp16'], SMALL);
    await serve(page, tm.root);
    await page.goto('/');
    const base = `/test-models/${tm.model}`;

    const wasm = await check(page, base, 'model.onnx', 'wasm');
    expect(wasm).toMatchObject({
      cacheType: 'float32',
      positionIds: variant === 'plain',
      head: true,
      gpuCache: false,
    });
    expect(wasm.newKv).toBe(variant === 'plain');
    expect(wasm.maxDiff).toBeLessThan(1e-4);
    expect(wasm.headIdsMatch).toBe(true);
    expect(wasm.headLzDiff).toBeLessThan(1e-4);

    const half = await check(page, base, 'model_fp16.onnx', 'wasm');
    expect(half.cacheType).toBe('float16');
    expect(half.maxDiff).toBeLessThan(2e-2);

    // SwiftShader has no shader-f16, so WebGPU runs the fp32 file.
    const gpu = await check(page, base, 'model.onnx', 'webgpu');
    expect(gpu).toMatchObject({ cacheType: 'float32', gpuCache: true, head: true, newKv: false });
    expect(gpu.maxDiff).toBeLessThan(1e-3);
    // The head's reductions run on the GPU; only the candidates come back.
    expect(gpu.headIdsMatch).toBe(true);
    expect(gpu.headLzDiff).toBeLessThan(1e-3);
  });
}

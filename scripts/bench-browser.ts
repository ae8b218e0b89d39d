/**
 * `npm run bench`, browser half: serves the build, opens /bench.html in headless Chromium and prints its
 * JSON (src/bench/main.ts). WASM by default; BENCH_BACKEND=webgpu runs a short WebGPU smoke
 * (SwiftShader on a CPU is ~80× slower than WASM).
 */
import { withPreviewPage } from './chromium';

const backend = process.env.BENCH_BACKEND ?? 'wasm';
const n = process.env.BENCH_N ?? (backend === 'webgpu' ? '1,2' : '1,8,32,64,128');
const loopMax = backend === 'webgpu' ? 2 : 32;
const result = await withPreviewPage(
  4178,
  `/bench.html?backend=${backend}&n=${n}&loopMax=${loopMax}`,
  async (page) => {
    await page.waitForFunction(
      () => (window as { __BENCH__?: unknown }).__BENCH__ !== undefined,
      undefined,
      { timeout: 600_000 },
    );
    return page.evaluate(() => (window as { __BENCH__?: unknown }).__BENCH__);
  },
);
console.log(JSON.stringify(result, null, 2));

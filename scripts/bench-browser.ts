/**
 * `npm run bench`, browser half: serves the build, opens /bench.html in headless Chromium and prints its
 * JSON (src/bench/main.ts). WASM by default; BENCH_BACKEND=webgpu runs a short WebGPU smoke
 * (SwiftShader on a CPU is ~80× slower than WASM).
 */
import { withPreviewPage } from './chromium';

const backend = process.env.BENCH_BACKEND ?? 'wasm';
const n = process.env.BENCH_N ?? (backend === 'webgpu' ? '1,2' : '1,8,32,64,128');
const loopMax = backend === 'webgpu' ? 2 : 32;
interface PageResult {
  loadMs: number;
  samples: { n: number; runtime: { tokensPerSecond: number } }[];
}

const bench = (extra = '') =>
  withPreviewPage(
    4178,
    `/bench.html?backend=${backend}&n=${n}&loopMax=${loopMax}${extra}`,
    async (page) => {
      await page.waitForFunction(
        () => (window as { __BENCH__?: unknown }).__BENCH__ !== undefined,
        undefined,
        { timeout: 600_000 },
      );
      return page.evaluate(() => (window as { __BENCH__?: unknown }).__BENCH__) as Promise<
        PageResult & Record<string, unknown>
      >;
    },
  );

const result: Record<string, unknown> = await bench();
// WASM workers run ORT's plain build; the asyncify build (WebGPU's, which runs WASM too) beside it.
if (backend === 'wasm') {
  const plain = result as unknown as PageResult;
  const asyncify = await bench('&ort=asyncify');
  result['ortBuilds'] = {
    loadMs: { plain: plain.loadMs, asyncify: asyncify.loadMs },
    plainOverAsyncify: plain.samples.map((r, i) => ({
      n: r.n,
      tokensPerSecond: {
        plain: r.runtime.tokensPerSecond,
        asyncify: asyncify.samples[i]!.runtime.tokensPerSecond,
      },
      ratio: +(r.runtime.tokensPerSecond / asyncify.samples[i]!.runtime.tokensPerSecond).toFixed(2),
    })),
  };
}
console.log(JSON.stringify(result, null, 2));

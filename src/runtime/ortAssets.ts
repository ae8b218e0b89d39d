/**
 * ONNX Runtime Web's WASM runtime, self-hosted: `?url` imports make Vite serve the files in dev and emit
 * them once (content-hashed) at build. Two builds of it. WebGPU needs ORT's asyncify build (it runs the
 * WASM backend too, and transformers.js uses it for either). A worker that runs the WASM backend loads
 * the plain build: half the size to compile (14 MB against 27 MB), a model ready in 0.8 s against
 * 1.4 s, and 1.4–2.6× the tokens/s at N ≤ 32 (the same from N = 64, where the arithmetic dominates;
 * `npm run bench`, Chromium, 2 cores), with the same numbers: the CLI's Node runtime is that build,
 * and the e2e suite checks the page's samples equal the CLI's.
 */
import asyncifyMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import asyncifyWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import plainMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

/** The runtime files for `backend` ('webgpu': the asyncify build, which runs both backends). */
export function ortWasmPaths(
  origin: string,
  backend: 'wasm' | 'webgpu' = 'webgpu',
): { mjs: string; wasm: string } {
  const [mjs, wasm] = backend === 'wasm' ? [plainMjs, plainWasm] : [asyncifyMjs, asyncifyWasm];
  return { mjs: new URL(mjs, origin).href, wasm: new URL(wasm, origin).href };
}

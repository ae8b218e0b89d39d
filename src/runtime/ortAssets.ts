/**
 * ONNX Runtime Web's WASM runtime, self-hosted: `?url` imports make Vite serve the files in dev and emit
 * them once (content-hashed) at build. The app uses ORT's WebGPU build everywhere in the browser (its
 * asyncify runtime runs both the WebGPU and the WASM backends), so transformers.js and the app's own
 * runtime share one copy.
 */
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export function ortWasmPaths(origin: string): { mjs: string; wasm: string } {
  return { mjs: new URL(ortMjs, origin).href, wasm: new URL(ortWasm, origin).href };
}

/**
 * transformers.js configured for this app: models only from the app's own /models/ (no hub requests),
 * and ONNX Runtime's WASM runtime from the app's own build (no CDN). Importing the runtime files with
 * `?url` makes Vite serve them in dev and emit them once (content-hashed) at build.
 */
import { env } from '@huggingface/transformers';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export function configureTransformers(origin: string): typeof env {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // A path, not a full URL: transformers.js joins it with '/' and would mangle the scheme's '//'.
  env.localModelPath = '/models/';
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
  if (onnx.wasm)
    onnx.wasm.wasmPaths = {
      mjs: new URL(ortMjs, origin).href,
      wasm: new URL(ortWasm, origin).href,
    };
  return env;
}

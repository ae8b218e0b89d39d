/**
 * transformers.js configured for this app: models only from the app's own /models/ (no hub requests),
 * and ONNX Runtime's WASM runtime from the app's own build (no CDN).
 */
import { env } from '@huggingface/transformers';
import { ortWasmPaths } from './ortAssets';

export function configureTransformers(origin: string): typeof env {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // A path, not a full URL: transformers.js joins it with '/' and would mangle the scheme's '//'.
  env.localModelPath = '/models/';
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
  if (onnx.wasm) onnx.wasm.wasmPaths = ortWasmPaths(origin);
  return env;
}

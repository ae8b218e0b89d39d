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
  // transformers.js would otherwise cache ORT's runtime itself and import it from a blob: URL, which
  // the worker's Content Security Policy forbids (script-src 'self'); the service worker caches it.
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
  if (onnx.wasm) onnx.wasm.wasmPaths = ortWasmPaths(origin);
  return env;
}

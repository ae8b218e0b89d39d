/**
 * transformers.js configured for this app: the built-in models from the app's own /models/ (no hub
 * requests), a hub model from this browser's hub host (through the browser cache the policy worker
 * fills), and ONNX Runtime's WASM runtime from the app's own build (no CDN).
 */
import { env } from '@huggingface/transformers';
import { ortWasmPaths } from './ortAssets';

export function configureTransformers(origin: string, hubHost?: string): typeof env {
  env.allowRemoteModels = hubHost !== undefined;
  env.allowLocalModels = hubHost === undefined;
  if (hubHost) env.remoteHost = `${hubHost}/`;
  // A path, not a full URL: transformers.js joins it with '/' and would mangle the scheme's '//'.
  env.localModelPath = '/models/';
  // transformers.js would otherwise cache ORT's runtime itself and import it from a blob: URL, which
  // the worker's Content Security Policy forbids (script-src 'self'); the service worker caches it.
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
  if (onnx.wasm) onnx.wasm.wasmPaths = ortWasmPaths(origin);
  return env;
}

/**
 * Loading the built-in models in the browser (a worker) for the app's own runtime: model files from
 * /models/<id>/, ORT's runtime from the app's build, and a content hash for provenance.
 */
import * as ort from 'onnxruntime-web';
import { llamaParameters, readingRule } from './modelConfig';
import { Decoder, decoderConfig } from './decoder';
import { ortWasmPaths } from './ortAssets';
import type { LoadedModel } from './sweep';
import { charCodec } from './charCodec';

export type Backend = 'wasm' | 'webgpu';

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

async function fetchOk(id: string, url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new ModelLoadError(`could not load model ${id}: ${url} is unreachable (${String(e)})`);
  }
  if (!res.ok)
    throw new ModelLoadError(`could not load model ${id}: ${url} answered HTTP ${res.status}`);
  return res;
}

/** Bytes of a model file read so far, and its size when the server says. */
export type LoadProgress = (loaded: number, total: number | null) => void;

/** The response body, read in chunks so the page can show how much of the model has arrived. */
async function readWithProgress(
  res: Response,
  onBytes?: LoadProgress,
): Promise<Uint8Array<ArrayBuffer>> {
  const total = Number(res.headers.get('content-length')) || null;
  if (!res.body || !onBytes) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onBytes(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The backend this worker's ORT runtime was set up for: ORT loads one build per worker, once. */
let runtime: Backend | null = null;

/**
 * ORT's runtime from the app's own files, one thread: the plain build for a worker that runs WASM,
 * the asyncify build for WebGPU (ortAssets.ts). The first call decides; the page starts a fresh
 * worker to change backend (WorkerClient.runtimeFor), so a WASM worker asked for WebGPU is a bug.
 */
export function configureOrt(origin: string, backend: Backend): void {
  if (runtime === 'wasm' && backend === 'webgpu')
    throw new ModelLoadError("this worker runs ORT's WASM-only build: WebGPU needs a fresh worker");
  if (runtime) return;
  runtime = backend;
  ort.env.wasm.wasmPaths = ortWasmPaths(origin, backend);
  // One thread keeps runs bit-identical to the CLI's; the batch, not threads, is where the speed is.
  ort.env.wasm.numThreads = 1;
}

export async function loadBrowserModel(
  id: string,
  backend: Backend,
  origin: string,
  onBytes?: LoadProgress,
): Promise<LoadedModel> {
  configureOrt(origin, backend);
  const base = new URL(`/models/${encodeURIComponent(id)}/`, origin);
  const config = await (await fetchOk(id, new URL('config.json', base).href)).json();
  const tokenizer = await (await fetchOk(id, new URL('tokenizer.json', base).href)).json();
  const bytes = await readWithProgress(
    await fetchOk(id, new URL('onnx/model.onnx', base).href),
    onBytes,
  );
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hash = `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  try {
    const rule = readingRule(config);
    return {
      id,
      hash,
      parameters: llamaParameters(config),
      decoder: await Decoder.load(bytes, decoderConfig(config), [backend]),
      codec: charCodec(tokenizer),
      ...(rule ? { rule } : {}),
    };
  } catch (e) {
    throw new ModelLoadError(
      `${id} could not be loaded on ${backend}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

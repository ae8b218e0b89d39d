/**
 * Test build only: decode after a fork against decode from scratch, on a hub-format model fetched
 * from `base` (`{base}/config.json`, `{base}/onnx/model{suffix}.onnx`), on the backend the worker
 * runs. The Node tests cover WASM on the full test model; this runs the same check in the browser,
 * where WebGPU keeps the cache on the GPU and forks it with gather graphs.
 */
import { Decoder } from '../decoder';
import { decoderConfig } from '../decoderConfig';
import { logNormalizer, topIds } from '../sampling';

export interface ForkCheck {
  maxDiff: number;
  cacheType: string;
  positionIds: boolean;
  newKv: boolean;
  head: boolean;
  /** The head's top-K ids equal the full logits' (ties to the lower id); its log Σ exp's distance. */
  headIdsMatch: boolean;
  headLzDiff: number;
  gpuCache: boolean;
}

async function get(url: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r;
}

/**
 * The prompt prefilled once and forked to three rows, each decoding its own three tokens, against each
 * row's prompt + tokens prefilled from scratch: the largest logit difference, and whether the forked
 * cache lived on the GPU.
 */
export async function forkVsScratch(
  d: Decoder,
  prompt: readonly number[],
): Promise<{ maxDiff: number; gpuCache: boolean }> {
  const V = d.cfg.vocabSize;
  const streams = [
    [100, 101, 102],
    [200, 201, 202],
    [300, 301, 302],
  ];
  const pre = await d.prefill([prompt], d.emptyCache(1));
  let cache = await pre.cache.select([0, 0, 0]);
  pre.cache.dispose();
  const gpuCache = cache.tensors[0]!.location === 'gpu-buffer';
  let logits = pre.logits;
  for (let t = 0; t < 3; t++) {
    const r = await d.forward(
      streams.map((s) => [s[t]!]),
      cache,
    );
    cache.dispose();
    cache = r.cache;
    logits = r.logits;
  }
  cache.dispose();
  let maxDiff = 0;
  for (const [b, s] of streams.entries()) {
    const scratch = await d.prefill([[...prompt, ...s]], d.emptyCache(1));
    for (let v = 0; v < V; v++)
      maxDiff = Math.max(maxDiff, Math.abs(logits[b * V + v]! - scratch.logits[v]!));
    scratch.cache.dispose();
  }
  return { maxDiff, gpuCache };
}

export async function forkCheck(base: string, file: string, backend: string): Promise<ForkCheck> {
  const config = await (await get(`${base}/config.json`)).json();
  const generation = await (await get(`${base}/generation_config.json`)).json();
  const bytes = new Uint8Array(await (await get(`${base}/onnx/${file}`)).arrayBuffer());
  const data =
    file === 'model.onnx'
      ? [
          {
            path: 'model.onnx_data',
            data: new Uint8Array(await (await get(`${base}/onnx/model.onnx_data`)).arrayBuffer()),
          },
        ]
      : [];
  const d = await Decoder.load(bytes, decoderConfig(config, generation), [backend], {
    externalData: data,
  });
  try {
    const prompt = [11, 22, 33, 44, 55];
    const { maxDiff, gpuCache } = await forkVsScratch(d, prompt);
    // The sampling head's candidates (read back alone: O(K) numbers) against the full logits.
    let headIdsMatch = false;
    let headLzDiff = NaN;
    if (d.head) {
      const full = await d.prefill([prompt], d.emptyCache(1));
      const head = await d.prefill([prompt], d.emptyCache(1), 'candidates');
      const c = head.candidates!;
      const ids = topIds(full.logits, 0, d.cfg.vocabSize, c.K);
      headIdsMatch = ids.every((id, i) => Number(c.ids[i]) === id);
      headLzDiff = Math.abs(c.lz[0]! - logNormalizer(full.logits, 0, d.cfg.vocabSize).lz);
      full.cache.dispose();
      head.cache.dispose();
    }
    return {
      maxDiff,
      cacheType: d.io.cacheType,
      positionIds: d.io.positionIds,
      newKv: d.newKv !== null,
      head: d.head,
      headIdsMatch,
      headLzDiff,
      gpuCache,
    };
  } finally {
    await d.release();
  }
}

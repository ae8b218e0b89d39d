/**
 * `npm run bench`, hub-model half: a random-weight Qwen3-architecture model of ~103M parameters with
 * the real 151,936-token vocabulary (written here by training/hub_test_model.py; nothing committed),
 * ONNX Runtime's WASM backend on both sides: this runtime, and transformers.js handed the same
 * onnxruntime-web (through the global it looks for before importing onnxruntime-node). Threads, top-k
 * (20) and end-of-sequence (none: every sample runs to 128 tokens) are pinned equal. Reports, side by
 * side in one run:
 * - N samples of one prompt, N = 1…64, against (a) N sequential `generate()` calls and (b) one
 *   `generate()` over the prompt repeated N times;
 * - the ceiling the batched forward sets (B = 1's time per token over B = N's time per row);
 * - each step's split (forward incl. readback, sampling, cache);
 * - memory over 20 consecutive runs and across a model switch.
 * Prints JSON. BENCH_HUB_N (default 1,4,16,64), BENCH_HUB_LOOP (most sequential calls, default 16;
 * beyond, extrapolated and marked so), BENCH_HUB_BATCH (largest batched generate(), default 16),
 * BENCH_THREADS (default 1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-web';
import { Rng } from '../src/core/rng';
import { Decoder } from '../src/runtime/decoder';
import { decoderConfig, type DecoderConfig } from '../src/runtime/decoderConfig';
import { emptyProfile, sampleCompletions } from '../src/runtime/generate';
import { chatCodec } from '../src/runtime/hub/chatCodec';
import { llamaParameters } from '../src/runtime/modelConfig';

const THREADS = Number(process.env['BENCH_THREADS'] ?? 1);
const NS = (process.env['BENCH_HUB_N'] ?? '1,4,16,64').split(',').filter(Boolean).map(Number);
const LOOP_MAX = Number(process.env['BENCH_HUB_LOOP'] ?? 16);
/** transformers.js over the prompt repeated N times, up to this N (its time grows fast). */
const BATCH_MAX = Number(process.env['BENCH_HUB_BATCH'] ?? 16);
const MAX_TOKENS = 128;
const TOP_K = 20;
ort.env.wasm.numThreads = THREADS;
(globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;
const { AutoModelForCausalLM, env, Tensor } = await import('@huggingface/transformers');
// transformers.js, taking the web runtime for a browser's, points it at a CDN: back to the local files.
ort.env.wasm.wasmPaths = pathToFileURL(
  join(process.cwd(), 'node_modules/onnxruntime-web/dist/'),
).href;

const root = join(tmpdir(), 'ttc-bench-hub-103m');
const model = 'ttc-test/Qwen3-103M';
const dir = join(root, model);
if (!existsSync(join(dir, 'onnx', 'model.onnx'))) {
  execFileSync(
    '/usr/bin/python3',
    [
      'training/hub_test_model.py',
      '--out',
      root,
      '--name',
      'Qwen3-103M',
      '--dtypes',
      'fp32',
      '--hidden',
      '512',
      '--layers',
      '8',
      '--heads',
      '8',
      '--kv-heads',
      '4',
      '--head-dim',
      '64',
      '--intermediate',
      '1536',
    ],
    { stdio: 'inherit' },
  );
}
const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const config = read('config.json');
// No end-of-sequence on either side: every sample is exactly 128 tokens, so work is equal.
const cfg: DecoderConfig = {
  ...decoderConfig(config, read('generation_config.json')),
  eosIds: [-1],
};
const load = () =>
  Decoder.load(readFileSync(join(dir, 'onnx', 'model.onnx')), cfg, ['wasm'], {
    externalData: [
      { path: 'model.onnx_data', data: readFileSync(join(dir, 'onnx', 'model.onnx_data')) },
    ],
  });
let decoder = await load();
const codec = chatCodec(read('tokenizer.json'), read('tokenizer_config.json'), null, {
  enableThinking: false,
});
const prompt = codec.prompt(
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?',
);
const params = { temperature: 1, topP: 1, topK: TOP_K, maxTokens: MAX_TOKENS };

async function ours(n: number) {
  const profile = emptyProfile();
  const rngs = Array.from({ length: n }, (_, i) => Rng.fromSeed(1, 'bench-hub', i));
  const t = performance.now();
  const { cost } = await sampleCompletions(decoder, prompt, rngs, { ...params, profile });
  const ms = performance.now() - t;
  const per = (x: number) => +(x / profile.steps).toFixed(2);
  return {
    ms: Math.round(ms),
    tokensPerSecond: +(cost.generatedTokens / (ms / 1000)).toFixed(1),
    stepMs: {
      forward: per(profile.forwardMs),
      sampling: per(profile.samplingMs),
      cache: per(profile.cacheMs),
    },
    samplingShare: +(
      profile.samplingMs /
      (profile.forwardMs + profile.samplingMs + profile.cacheMs)
    ).toFixed(3),
  };
}

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = `${root}/`;
// Only onnxruntime-node reads external data by path; the web runtime is handed the bytes.
const tjs = await AutoModelForCausalLM.from_pretrained(model, {
  dtype: 'fp32',
  device: 'auto',
  session_options: {
    externalData: [
      { path: 'model.onnx_data', data: readFileSync(join(dir, 'onnx', 'model.onnx_data')) },
    ],
  },
});
async function tjsGenerate(rows: number) {
  const ids = BigInt64Array.from({ length: rows * prompt.length }, (_, i) =>
    BigInt(prompt[i % prompt.length]!),
  );
  const t = performance.now();
  await tjs.generate({
    input_ids: new Tensor('int64', ids, [rows, prompt.length]),
    attention_mask: new Tensor('int64', new BigInt64Array(ids.length).fill(1n), [
      rows,
      prompt.length,
    ]),
    max_new_tokens: MAX_TOKENS,
    min_new_tokens: MAX_TOKENS,
    do_sample: true,
    temperature: 1,
    top_k: TOP_K,
  });
  return performance.now() - t;
}

/**
 * One decode step's time at batch B over the prompt's cache: the forward alone, fetching what the
 * runs fetch (the sampling head's candidates).
 */
async function stepMs(B: number) {
  const fetch = decoder.head ? 'candidates' : 'logits';
  const pre = await decoder.prefill([prompt], decoder.emptyCache(1), fetch);
  const cache = await pre.cache.select(new Array<number>(B).fill(0));
  pre.cache.dispose();
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const out = await decoder.forward(new Array(B).fill([prompt[0]!]), cache, undefined, { fetch });
    times.push(performance.now() - t);
    out.cache.dispose();
  }
  cache.dispose();
  return Math.min(...times);
}

await ours(2); // warm-up
await tjsGenerate(1);
const step1 = await stepMs(1);
const rows = [];
for (const n of NS) {
  const mine = await ours(n);
  const loopN = Math.min(n, LOOP_MAX);
  let loopMs = 0;
  for (let i = 0; i < loopN; i++) loopMs += await tjsGenerate(1);
  const sequentialMs = (loopMs / loopN) * n;
  const batchMs = n <= BATCH_MAX ? await tjsGenerate(n) : null;
  const stepN = await stepMs(n);
  const ceiling = step1 / (stepN / n);
  const gain = (await ours(1)).ms / (mine.ms / n); // time per sample at N=1 over at N
  rows.push({
    n,
    runtime: mine,
    sequentialGenerate: { ms: Math.round(sequentialMs), extrapolated: n > LOOP_MAX },
    batchedGenerate: batchMs === null ? null : { ms: Math.round(batchMs) },
    speedupVsSequential: +(sequentialMs / mine.ms).toFixed(2),
    speedupVsBatchedGenerate: batchMs === null ? null : +(batchMs / mine.ms).toFixed(2),
    ceiling: {
      stepMsB1: +step1.toFixed(1),
      stepMsPerRow: +(stepN / n).toFixed(2),
      speedup: +ceiling.toFixed(2),
    },
    gainOverN1: +gain.toFixed(2),
    shareOfCeiling: +(gain / ceiling).toFixed(2),
  });
  console.error(JSON.stringify(rows.at(-1)));
}

// Memory: 20 consecutive runs, then a model switch (release, load again).
const mem = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const rss: number[] = [];
for (let i = 0; i < 20; i++) {
  await sampleCompletions(
    decoder,
    prompt,
    [0, 1, 2, 3].map((k) => Rng.fromSeed(i, k)),
    { ...params, maxTokens: 32 },
  );
  (globalThis as { gc?: () => void }).gc?.();
  rss.push(mem());
}
// A switch releases the old sessions first: the WASM heap does not shrink, but the next model
// reuses what the old one freed, so repeated switches stay flat.
const afterSwitch: number[] = [];
for (let i = 0; i < 3; i++) {
  await decoder.release();
  decoder = await load();
  await sampleCompletions(decoder, prompt, [Rng.fromSeed(0)], { ...params, maxTokens: 8 });
  (globalThis as { gc?: () => void }).gc?.();
  afterSwitch.push(mem());
}
await decoder.release();

console.log(
  JSON.stringify(
    {
      model: {
        id: model,
        parameters: llamaParameters(config),
        vocab: cfg.vocabSize,
        dtype: 'fp32',
      },
      backend: `wasm, ${THREADS} thread(s), both sides`,
      promptTokens: prompt.length,
      maxTokens: MAX_TOKENS,
      topK: TOP_K,
      rows,
      memoryMiB: { over20Runs: rss, afterSwitch },
    },
    null,
    2,
  ),
);

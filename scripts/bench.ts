/**
 * `npm run bench`: the batched runtime against the loop a user would write, side by side in one run,
 * in Node on ORT's WASM backend (the browser's WASM numbers are the same kernels):
 * - draw N full solutions of one problem: (a) this runtime, one prefill + batched decode; (b) N
 *   sequential transformers.js `generate()` calls (up to N = 32; beyond that extrapolated, and marked).
 *   In Node transformers.js runs only on onnxruntime-node (native CPU), faster than WASM per call, so
 *   the ratio here understates the batched runtime's advantage over the same loop on WASM;
 * - the cost of forking the KV cache relative to a decode step at N = 64;
 * - generative-verifier scoring throughput.
 * Prints a JSON table with the ratios.
 */
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { Rng } from '../src/core/rng';
import { arith } from '../src/core/tasks/arith';
import { decode, encode } from '../src/core/tasks/arith/vocab';
import { Decoder, decoderConfig, KvCache } from '../src/runtime/decoder';
import { sampleCompletions } from '../src/runtime/generate';
import { scoreGenerative } from '../src/runtime/verifier';

ort.env.wasm.numThreads = 1;
env.allowRemoteModels = false;
env.localModelPath = 'public/models/';
const MODEL = 'arith-policy';
const dir = `public/models/${MODEL}`;
const problem = arith.generate(7, 3);
const promptText = arith.prompt(problem);
const params = { temperature: 1, topP: 1, topK: 0, maxTokens: 128 };
const Ns = (process.env.BENCH_N ?? '1,8,32,64,128').split(',').map(Number);
const LOOP_MAX = 32;

const decoder = await Decoder.load(
  readFileSync(`${dir}/onnx/model.onnx`),
  decoderConfig(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'))),
);
const prompt = [decoder.cfg.bosId, ...encode(promptText)];
const tokenizer = await AutoTokenizer.from_pretrained(MODEL);
const model = await AutoModelForCausalLM.from_pretrained(MODEL, { dtype: 'fp32', device: 'cpu' });

async function batched(n: number) {
  const rngs = Array.from({ length: n }, (_, i) => Rng.fromSeed(1, 'bench', i));
  const t = performance.now();
  const { completions, cost } = await sampleCompletions(decoder, prompt, rngs, params);
  const ms = performance.now() - t;
  return { ms, tokens: cost.generatedTokens, completions };
}

async function generateLoop(n: number) {
  let tokens = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const inputs = tokenizer(promptText);
    const out = (await model.generate({
      ...inputs,
      max_new_tokens: params.maxTokens,
      do_sample: true,
      temperature: 1,
    })) as { dims: number[] };
    tokens += out.dims[1]! - prompt.length;
  }
  return { ms: performance.now() - t, tokens };
}

await batched(4); // warm-up
await generateLoop(1);
const rows = [];
for (const n of Ns) {
  const a = await batched(n);
  const loopN = Math.min(n, LOOP_MAX);
  const b = await generateLoop(loopN);
  const loopMs = (b.ms / loopN) * n;
  rows.push({
    n,
    runtime: { ms: Math.round(a.ms), tokensPerSecond: Math.round(a.tokens / (a.ms / 1000)) },
    generateLoop: {
      ms: Math.round(loopMs),
      tokensPerSecond: Math.round(b.tokens / (b.ms / 1000)),
      extrapolated: n > LOOP_MAX,
    },
    speedup: +(loopMs / a.ms).toFixed(1),
  });
}

// Fork cost at N = 64: select (copy) every row of a cache one prompt long vs one decode step.
const prefill = await decoder.forward([prompt], KvCache.empty(decoder.cfg, 1));
const rows64 = new Array(64).fill(0);
let t = performance.now();
const forked = prefill.cache.select(rows64);
const forkMs = performance.now() - t;
t = performance.now();
const step = await decoder.forward(
  rows64.map(() => [encode('1')[0]!]),
  forked,
);
const stepMs = performance.now() - t;
// Compaction in the middle of a run (cache ~ prompt + 30 tokens) is the larger copy: measure it too.
let cache = step.cache;
for (let i = 0; i < 30; i++)
  cache = (
    await decoder.forward(
      rows64.map(() => [encode('1')[0]!]),
      cache,
    )
  ).cache;
t = performance.now();
cache.select(rows64.slice(0, 48).map((_, i) => i));
const compactMs = performance.now() - t;

// Verifier scoring throughput (the policy read as a generative verifier; same shape as arith-verifier).
const texts = (await batched(64)).completions.map((c) => ({
  text: decode(c.tokens),
  finished: c.finished,
}));
t = performance.now();
const scores = await scoreGenerative(decoder, prompt, texts, encode);
const scoreMs = performance.now() - t;

console.log(
  JSON.stringify(
    {
      runtime: 'this runtime: onnxruntime-web WASM in Node, 1 thread',
      baseline:
        'N sequential transformers.js generate() calls on onnxruntime-node (native CPU: transformers.js has no WASM device in Node, so the baseline is the faster backend)',
      model: MODEL,
      problem: problem.question,
      samples: rows,
      fork: {
        n: 64,
        forkMs: +forkMs.toFixed(2),
        compactMs: +compactMs.toFixed(2),
        decodeStepMs: +stepMs.toFixed(2),
        forkOverStep: +(forkMs / stepMs).toFixed(3),
        compactOverStep: +(compactMs / stepMs).toFixed(3),
      },
      verifier: {
        completions: scores.length,
        ms: Math.round(scoreMs),
        tokensPerSecond: Math.round(scores.reduce((s, x) => s + x.tokens, 0) / (scoreMs / 1000)),
      },
    },
    null,
    2,
  ),
);
await model.dispose();
await decoder.release();

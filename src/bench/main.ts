/**
 * The in-browser half of `npm run bench` (also usable by hand at /bench.html?backend=wasm&n=1,8,32):
 * N samples of one problem with the app's batched runtime vs N sequential transformers.js `generate()`
 * calls, both on the same ORT backend and thread count, measured side by side in one page.
 */
import { AutoModelForCausalLM, AutoTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-web';
import { Rng } from '../core/rng';
import { arith } from '../core/tasks/arith';
import { encode } from '../core/tasks/arith/vocab';
import { loadBrowserModel, type Backend } from '../runtime/browserModels';
import { KvCache } from '../runtime/decoder';
import { sampleCompletions } from '../runtime/generate';
import { configureTransformers } from '../runtime/transformersEnv';

const params = new URLSearchParams(location.search);
const backend = (params.get('backend') === 'webgpu' ? 'webgpu' : 'wasm') as Backend;
const Ns = (params.get('n') ?? '1,8,32,64,128')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 1024);
const LOOP_MAX = Number(params.get('loopMax') ?? 32);
const maxTokens = 128;
const out = document.getElementById('out')!;

async function run() {
  const policy = await loadBrowserModel('arith-policy', backend, location.origin);
  configureTransformers(location.origin);
  ort.env.wasm.numThreads = 1;
  const tokenizer = await AutoTokenizer.from_pretrained('arith-policy');
  const model = await AutoModelForCausalLM.from_pretrained('arith-policy', {
    dtype: 'fp32',
    device: backend,
  });
  const problem = arith.generate(7, 3);
  const promptText = arith.prompt(problem);
  const prompt = [policy.decoder.cfg.bosId, ...encode(promptText)];
  const sampling = { temperature: 1, topP: 1, topK: 0, maxTokens };

  const batched = async (n: number) => {
    const rngs = Array.from({ length: n }, (_, i) => Rng.fromSeed(1, 'bench', i));
    const t = performance.now();
    const { cost } = await sampleCompletions(policy.decoder, prompt, rngs, sampling);
    return { ms: performance.now() - t, tokens: cost.generatedTokens };
  };
  const loop = async (n: number) => {
    let tokens = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      const inputs = tokenizer(promptText);
      const res = (await model.generate({
        ...inputs,
        max_new_tokens: maxTokens,
        do_sample: true,
        temperature: 1,
      })) as { dims: number[] };
      tokens += res.dims[1]! - prompt.length;
    }
    return { ms: performance.now() - t, tokens };
  };

  await batched(4);
  await loop(2);
  const rows = [];
  for (const n of Ns) {
    const a = await batched(n);
    const loopN = Math.min(n, LOOP_MAX);
    const b = await loop(loopN);
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
    out.textContent = JSON.stringify(rows, null, 2);
  }

  const prefill = await policy.decoder.forward([prompt], KvCache.empty(policy.decoder.cfg, 1));
  const rows64 = new Array<number>(64).fill(0);
  let t = performance.now();
  const forked = prefill.cache.select(rows64);
  const forkMs = performance.now() - t;
  t = performance.now();
  await policy.decoder.forward(
    rows64.map(() => [encode('1')[0]!]),
    forked,
  );
  const stepMs = performance.now() - t;

  const result = {
    where: 'browser',
    backend,
    runtime: "this runtime (app's worker code), 1 thread",
    baseline: `N sequential transformers.js generate() calls, device ${backend}, 1 thread`,
    samples: rows,
    fork: {
      n: 64,
      forkMs: +forkMs.toFixed(2),
      decodeStepMs: +stepMs.toFixed(2),
      forkOverStep: +(forkMs / stepMs).toFixed(3),
    },
  };
  out.textContent = JSON.stringify(result, null, 2);
  (window as { __BENCH__?: unknown }).__BENCH__ = result;
}

run().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  out.textContent = `benchmark failed: ${message}`;
  (window as { __BENCH__?: unknown }).__BENCH__ = { error: message };
});

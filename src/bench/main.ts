/**
 * The in-browser half of `npm run bench` (also usable by hand at /bench.html?backend=wasm&n=1,8,32):
 * N samples of one problem with the app's batched runtime vs N sequential transformers.js `generate()`
 * calls, both on the same ORT backend and thread count, measured side by side in one page.
 */
import { AutoModelForCausalLM, AutoTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-web';
import { getTask } from '../core/tasks';
import { configureOrt, loadBrowserModel, type Backend } from '../runtime/browserModels';
import { configureTransformers } from '../runtime/transformersEnv';
import {
  appendVsFetch,
  compareSampling,
  forkCost,
  generateLoopBaseline,
  speedupCeiling,
} from './compare';
import { Decoder } from '../runtime/decoder';

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
  // `ort=asyncify`: WASM on ORT's asyncify build, as every worker ran it before WASM workers got the
  // plain build (ortAssets.ts) — the yardstick bench-browser.ts sets beside the default.
  const build = backend === 'wasm' && params.get('ort') !== 'asyncify' ? 'plain' : 'asyncify';
  if (build === 'asyncify') configureOrt(location.origin, 'webgpu');
  const started = performance.now();
  const policy = await loadBrowserModel('arith-policy', backend, location.origin);
  // Fetch, compile and the first session: what a fresh worker waits for before its first token.
  const loadMs = Math.round(performance.now() - started);
  configureTransformers(location.origin);
  ort.env.wasm.numThreads = 1;
  const tokenizer = await AutoTokenizer.from_pretrained('arith-policy');
  const model = await AutoModelForCausalLM.from_pretrained('arith-policy', {
    dtype: 'fp32',
    device: backend,
  });
  const arith = getTask('arith');
  const problem = arith.generate(7, 3);
  const promptText = arith.prompt(problem);
  const prompt = [policy.decoder.cfg.bosId, ...policy.codec.encode(promptText)];
  const generateOnce = generateLoopBaseline(model, tokenizer, promptText, prompt.length, maxTokens);

  const probeToken = policy.codec.encode('1')[0]!;
  const samples = await compareSampling({
    decoder: policy.decoder,
    prompt,
    Ns,
    loopMax: LOOP_MAX,
    maxTokens,
    generateOnce,
    probeToken,
  });
  out.textContent = JSON.stringify(samples, null, 2);
  const fork = await forkCost(policy.decoder, prompt, probeToken);
  // On WASM: appending new keys and values vs fetching present.* (a second session, same file).
  let cacheSteps = null;
  if (backend === 'wasm') {
    const bytes = new Uint8Array(
      await (await fetch(`${location.origin}/models/arith-policy/onnx/model.onnx`)).arrayBuffer(),
    );
    const fetching = await Decoder.load(bytes, policy.decoder.cfg, ['wasm'], {
      appendOnCpu: false,
    });
    cacheSteps = await appendVsFetch(policy.decoder, fetching, prompt, maxTokens);
    await fetching.release();
  }

  const result = {
    where: 'browser',
    backend,
    ortBuild: build,
    loadMs,
    runtime: "this runtime (app's worker code), 1 thread",
    baseline: `N sequential transformers.js generate() calls, device ${backend}, 1 thread`,
    samples,
    ceiling: speedupCeiling(samples, fork.decodeStepMs),
    fork,
    cacheSteps,
  };
  out.textContent = JSON.stringify(result, null, 2);
  (window as { __BENCH__?: unknown }).__BENCH__ = result;
}

run().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  out.textContent = `benchmark failed: ${message}`;
  (window as { __BENCH__?: unknown }).__BENCH__ = { error: message };
});

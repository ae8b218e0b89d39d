/**
 * `npm run bench`, Node half: the batched runtime against the loop a user would write, side by side in
 * one run (see src/bench/compare.ts), plus generative-verifier scoring throughput. In Node,
 * transformers.js runs only on onnxruntime-node (native CPU), faster per call than WASM, so the ratio
 * here understates the runtime's advantage; the browser half (scripts/bench-browser.ts) compares on
 * the same backend. Prints JSON.
 */
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { getTask } from '../src/core/tasks';
import { charCodec } from '../src/runtime/charCodec';
import {
  appendVsFetch,
  speedupCeiling,
  batchedSamples,
  compareSampling,
  forkCost,
  generateLoopBaseline,
} from '../src/bench/compare';
import { Decoder, decoderConfig } from '../src/runtime/decoder';
import { scoreGenerative } from '../src/runtime/verifier';

ort.env.wasm.numThreads = 1;
env.allowRemoteModels = false;
env.localModelPath = 'public/models/';
const MODEL = 'arith-policy';
const dir = `public/models/${MODEL}`;
const maxTokens = 128;
const arith = getTask('arith');
const problem = arith.generate(7, 3);
const promptText = arith.prompt(problem);

const decoder = await Decoder.load(
  readFileSync(`${dir}/onnx/model.onnx`),
  decoderConfig(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'))),
);
const { encode, decode } = charCodec(JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')));
const prompt = [decoder.cfg.bosId, ...encode(promptText)];
const tokenizer = await AutoTokenizer.from_pretrained(MODEL);
const model = await AutoModelForCausalLM.from_pretrained(MODEL, { dtype: 'fp32', device: 'cpu' });
const generateOnce = generateLoopBaseline(model, tokenizer, promptText, prompt.length, maxTokens);

const samples = await compareSampling({
  decoder,
  prompt,
  Ns: (process.env.BENCH_N ?? '1,8,32,64,128').split(',').map(Number),
  loopMax: 32,
  maxTokens,
  generateOnce,
  probeToken: encode('1')[0]!,
});
const fork = await forkCost(decoder, prompt, encode('1')[0]!);
const fetching = await Decoder.load(readFileSync(`${dir}/onnx/model.onnx`), decoder.cfg, ['wasm'], {
  appendOnCpu: false,
});
const cacheSteps = await appendVsFetch(decoder, fetching, prompt, maxTokens);
await fetching.release();

// Verifier scoring throughput (the policy read as a generative verifier; same shape as arith-verifier).
const texts = (await batchedSamples(decoder, prompt, 64, maxTokens)).completions.map((c) => ({
  text: decode(c.tokens),
  finished: c.finished,
}));
const t = performance.now();
const scores = await scoreGenerative(decoder, prompt, texts, encode);
const scoreMs = performance.now() - t;

// Memory across 20 consecutive runs of 64 samples: resident memory after each (ORT's WASM heap
// included), so a leaked tensor or buffer shows as growth.
const rss: number[] = [];
for (let i = 0; i < 20; i++) {
  await batchedSamples(decoder, prompt, 64, maxTokens);
  (globalThis as { gc?: () => void }).gc?.();
  rss.push(process.memoryUsage().rss / 2 ** 20);
}

console.log(
  JSON.stringify(
    {
      where: 'node',
      runtime: 'this runtime: onnxruntime-web WASM in Node, 1 thread',
      baseline:
        'N sequential transformers.js generate() calls on onnxruntime-node (native CPU; transformers.js has no WASM device in Node)',
      model: MODEL,
      problem: problem.question,
      samples,
      ceiling: speedupCeiling(samples, fork.decodeStepMs),
      fork,
      cacheSteps,
      memory: {
        runs: 20,
        samplesPerRun: 64,
        rssMbAfterRun: [1, 2, 5, 10, 20].map((k) => +rss[k - 1]!.toFixed(1)),
        growthMbFromRun2To20: +(rss[19]! - rss[1]!).toFixed(1),
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

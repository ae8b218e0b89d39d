/**
 * The benchmark's core, shared by its Node and browser halves: N samples of one prompt with the batched
 * runtime vs N sequential `generate()` calls (up to `loopMax`, extrapolated beyond and marked so), and
 * the cost of forking a prompt's cache to 64 rows relative to one decode step.
 */
import { Rng } from '../core/rng';
import { KvCache, type Decoder } from '../runtime/decoder';
import { sampleCompletions } from '../runtime/generate';

export interface BenchInput {
  decoder: Decoder;
  prompt: number[];
  Ns: number[];
  loopMax: number;
  maxTokens: number;
  /** One `generate()` call of the baseline; returns the tokens it generated. */
  generateOnce: () => Promise<number>;
  /** Any token id to feed a decode step with. */
  probeToken: number;
}

/** The subset of a transformers.js causal LM and tokenizer the baseline uses. */
interface GenerateModel {
  generate(args: Record<string, unknown>): Promise<unknown>;
}
type Tokenize = (text: string) => Record<string, unknown>;

/**
 * The baseline a user would write: one transformers.js `generate()` call drawing one sample; returns
 * the number of tokens it generated.
 */
export function generateLoopBaseline(
  model: GenerateModel,
  tokenizer: Tokenize,
  promptText: string,
  promptTokens: number,
  maxTokens: number,
): () => Promise<number> {
  return async () => {
    const out = (await model.generate({
      ...tokenizer(promptText),
      max_new_tokens: maxTokens,
      do_sample: true,
      temperature: 1,
    })) as { dims: number[] };
    return out.dims[1]! - promptTokens;
  };
}

export async function batchedSamples(
  decoder: Decoder,
  prompt: number[],
  n: number,
  maxTokens: number,
) {
  const rngs = Array.from({ length: n }, (_, i) => Rng.fromSeed(1, 'bench', i));
  const t = performance.now();
  const { completions, cost } = await sampleCompletions(decoder, prompt, rngs, {
    temperature: 1,
    topP: 1,
    topK: 0,
    maxTokens,
  });
  return { ms: performance.now() - t, tokens: cost.generatedTokens, completions };
}

async function generateLoop(n: number, once: () => Promise<number>) {
  let tokens = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) tokens += await once();
  return { ms: performance.now() - t, tokens };
}

export async function compareSampling(b: BenchInput) {
  await batchedSamples(b.decoder, b.prompt, 4, b.maxTokens); // warm-up
  await generateLoop(2, b.generateOnce);
  const rows = [];
  for (const n of b.Ns) {
    const a = await batchedSamples(b.decoder, b.prompt, n, b.maxTokens);
    const loopN = Math.min(n, b.loopMax);
    const loop = await generateLoop(loopN, b.generateOnce);
    const loopMs = (loop.ms / loopN) * n;
    rows.push({
      n,
      runtime: { ms: Math.round(a.ms), tokensPerSecond: Math.round(a.tokens / (a.ms / 1000)) },
      generateLoop: {
        ms: Math.round(loopMs),
        tokensPerSecond: Math.round(loop.tokens / (loop.ms / 1000)),
        extrapolated: n > b.loopMax,
      },
      speedup: +(loopMs / a.ms).toFixed(1),
    });
  }
  return rows;
}

/**
 * The most N = 64 could gain over the `generate()` loop on this model and machine: the loop's time
 * per token (at its fastest: it speeds up as it warms) against a batch-64 decode step's time per row
 * (the step right after the prompt, the cheapest of a run, so this bounds the ratio from above).
 */
export function speedupCeiling(
  samples: Awaited<ReturnType<typeof compareSampling>>,
  decodeStepMs64: number,
) {
  const generateMsPerToken = Math.min(...samples.map((r) => 1000 / r.generateLoop.tokensPerSecond));
  const stepMsPerRow = decodeStepMs64 / 64;
  return {
    generateMsPerToken: +generateMsPerToken.toFixed(3),
    batchedStepMsPerRow: +stepMsPerRow.toFixed(3),
    maxSpeedupAt64: +(generateMsPerToken / stepMsPerRow).toFixed(1),
  };
}

/** Fork (a prompt-long cache copied to 64 rows) and, later in a run, compaction, against a decode step. */
export async function forkCost(decoder: Decoder, prompt: number[], probeToken: number) {
  const prefill = await decoder.forward([prompt], decoder.emptyCache(1));
  const rows64 = new Array<number>(64).fill(0);
  const step = (cache: KvCache) =>
    decoder.forward(
      rows64.map(() => [probeToken]),
      cache,
    );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  // On WebGPU a fork only queues GPU work: its cost is what it adds to the next step (whose logits
  // are read back): (fork + step) − a plain step.
  const timed = async (act: () => Promise<KvCache | null>) => {
    const t0 = performance.now();
    const c = await act();
    return { ms: performance.now() - t0, cache: c };
  };
  // On the CPU (WASM) a fork is synchronous copying: timed by itself.
  const onCpu = decoder.kvOps === null;
  const forks: number[] = [];
  const steps: number[] = [];
  for (let i = 0; i < 6; i++) {
    const f = await timed(() => prefill.cache.select(rows64));
    const a = await timed(async () => (await step(f.cache!)).cache);
    const b = await timed(async () => (await step(a.cache!)).cache);
    if (i > 0) {
      forks.push(onCpu ? f.ms : f.ms + a.ms - b.ms);
      steps.push(b.ms);
    }
    for (const x of [f, a, b]) x.cache!.dispose();
  }
  const stepMs = median(steps);
  const forkMs = Math.max(0, median(forks));
  let cache = (await step(await prefill.cache.select(rows64))).cache;
  for (let i = 0; i < 30; i++) {
    const next = (await step(cache)).cache;
    cache.dispose();
    cache = next;
  }
  // Compaction to 48 rows, timed like the fork.
  const rows48 = rows64.slice(0, 48).map((_, j) => j);
  const step48 = (c: KvCache) =>
    decoder.forward(
      rows48.map(() => [probeToken]),
      c,
    );
  const compacts: number[] = [];
  for (let i = 0; i < 6; i++) {
    const f = await timed(() => cache.select(rows48));
    const a = await timed(async () => (await step48(f.cache!)).cache);
    const b = await timed(async () => (await step48(a.cache!)).cache);
    if (i > 0) compacts.push(onCpu ? f.ms : f.ms + a.ms - b.ms);
    for (const x of [f, a, b]) x.cache!.dispose();
  }
  const compactMs = Math.max(0, median(compacts));
  cache.dispose();
  prefill.cache.dispose();
  return {
    n: 64,
    forkMs: +forkMs.toFixed(2),
    compactMs: +compactMs.toFixed(2),
    decodeStepMs: +stepMs.toFixed(2),
    forkOverStep: +(forkMs / stepMs).toFixed(3),
    compactOverStep: +(compactMs / stepMs).toFixed(3),
  };
}

/**
 * The CPU cache's step-to-step handling, side by side at N = 64 (alternating runs, medians):
 * appending each step's new keys and values into recycled storage (the runtime) against fetching the
 * model's whole `present.*` outputs, which ONNX Runtime allocates afresh every step.
 */
export async function appendVsFetch(
  appending: Decoder,
  fetching: Decoder,
  prompt: number[],
  maxTokens: number,
) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const a: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < 6; i++) {
    const x = await batchedSamples(appending, prompt, 64, maxTokens);
    const y = await batchedSamples(fetching, prompt, 64, maxTokens);
    if (i > 0) {
      a.push(x.ms);
      f.push(y.ms);
    }
  }
  return {
    n: 64,
    appendMs: Math.round(median(a)),
    fetchPresentMs: Math.round(median(f)),
    speedup: +(median(f) / median(a)).toFixed(2),
  };
}

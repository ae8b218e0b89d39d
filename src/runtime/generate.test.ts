import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Decoder, decoderConfig } from './decoder';
import { sampleCompletions } from './generate';
import { logSoftmax } from './sampling';
import type { ParityFixture } from './parity';

ort.env.wasm.numThreads = 1;
const MODEL = 'public/models/arith-policy';
const fixture = JSON.parse(
  readFileSync('fixtures/parity/arith-policy.json', 'utf8'),
) as ParityFixture;
let decoder: Decoder;

beforeAll(async () => {
  decoder = await Decoder.load(
    readFileSync(`${MODEL}/onnx/model.onnx`),
    decoderConfig(JSON.parse(readFileSync(`${MODEL}/config.json`, 'utf8'))),
  );
});

const greedy = { temperature: 0, topP: 1, topK: 0 };
const rngs = (n: number, seed = 1) =>
  Array.from({ length: n }, (_, i) => Rng.fromSeed(seed, 'test', i));

/** Teacher-forced log-likelihood of `completion` after `prompt`, from one full forward. */
async function logLikelihood(prompt: number[], completion: number[]): Promise<number> {
  const ids = [...prompt, ...completion];
  const { logits } = await decoder.forward([ids], decoder.emptyCache(1));
  const V = decoder.cfg.vocabSize;
  const lp = new Float64Array(V);
  let total = 0;
  for (let t = prompt.length - 1; t < ids.length - 1; t++)
    total += logSoftmax(logits, t * V, V, lp)[ids[t + 1]!]!;
  return total;
}

describe('batched generation', () => {
  it('greedy decoding reproduces PyTorch’s greedy decodes from the parity fixture', async () => {
    for (const c of fixture.cases) {
      const { completions } = await sampleCompletions(
        decoder,
        c.ids.slice(0, c.promptLength),
        rngs(1),
        { ...greedy, maxTokens: c.greedy.length },
      );
      expect(completions[0]!.tokens, c.problem).toEqual(c.greedy);
    }
  });

  it('every row of a forked batch equals that row decoded alone (fork and compaction keep caches aligned)', async () => {
    const c = fixture.cases[9]!;
    const prompt = c.ids.slice(0, c.promptLength);
    // A high temperature makes rows end at different lengths, so the batch is compacted along the way.
    const params = { temperature: 2, topP: 1, topK: 0, maxTokens: 80 };
    const batch = await sampleCompletions(decoder, prompt, rngs(8, 9), params);
    for (let i = 0; i < 8; i++) {
      const alone = await sampleCompletions(decoder, prompt, [Rng.fromSeed(9, 'test', i)], params);
      expect(batch.completions[i]!.tokens).toEqual(alone.completions[0]!.tokens);
      expect(batch.completions[i]!.logprobs.map((x) => x.toFixed(4))).toEqual(
        alone.completions[0]!.logprobs.map((x) => x.toFixed(4)),
      );
    }
    // Rows finished at different lengths, so compaction happened along the way.
    expect(new Set(batch.completions.map((x) => x.tokens.length)).size).toBeGreaterThan(1);
  });

  it('a stopped row never gets more tokens; max-token rows are marked unfinished', async () => {
    const c = fixture.cases[2]!;
    const { completions, cost } = await sampleCompletions(
      decoder,
      c.ids.slice(0, c.promptLength),
      rngs(16, 3),
      { temperature: 1.5, topP: 1, topK: 0, maxTokens: 12 },
    );
    for (const x of completions) {
      const eos = x.tokens.indexOf(decoder.cfg.eosId);
      if (eos >= 0) {
        expect(eos).toBe(x.tokens.length - 1);
        expect(x.finished).toBe(true);
      } else {
        expect(x.tokens).toHaveLength(12);
        expect(x.finished).toBe(false);
      }
    }
    expect(cost.generatedTokens).toBe(completions.reduce((s, x) => s + x.tokens.length, 0));
    expect(cost.promptTokens).toBe(c.promptLength);
  });

  it('log-probs sum to the sequence log-likelihood of a full forward', async () => {
    const c = fixture.cases[11]!;
    const prompt = c.ids.slice(0, c.promptLength);
    const { completions } = await sampleCompletions(decoder, prompt, rngs(4, 5), {
      temperature: 1,
      topP: 1,
      topK: 0,
      maxTokens: 60,
    });
    for (const x of completions) {
      const sum = x.logprobs.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(await logLikelihood(prompt, x.tokens), 3);
    }
  });

  it('is reproducible: the same seeds give the same samples; adding rows changes none of the earlier ones', async () => {
    const c = fixture.cases[5]!;
    const prompt = c.ids.slice(0, c.promptLength);
    const params = { temperature: 1, topP: 0.95, topK: 20, maxTokens: 50 };
    const a = await sampleCompletions(decoder, prompt, rngs(4, 21), params);
    const b = await sampleCompletions(decoder, prompt, rngs(12, 21), params);
    expect(b.completions.slice(0, 4).map((x) => x.tokens)).toEqual(
      a.completions.map((x) => x.tokens),
    );
  });

  it('cancellation stops before the next decode step', async () => {
    const c = fixture.cases[4]!;
    const controller = new AbortController();
    let steps = 0;
    const run = sampleCompletions(decoder, c.ids.slice(0, c.promptLength), rngs(8), {
      temperature: 1,
      topP: 1,
      topK: 0,
      maxTokens: 60,
      signal: controller.signal,
      onStep: () => {
        steps++;
        if (steps === 3) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(steps).toBe(3);
  });

  it('asks the memory check before every decode step with the rows and the positions it will hold', async () => {
    const c = fixture.cases[4]!;
    const prompt = c.ids.slice(0, c.promptLength);
    const asked: [number, number][] = [];
    const run = sampleCompletions(decoder, prompt, rngs(8), {
      ...greedy,
      maxTokens: 60,
      memoryCheck: (rows, positions) => {
        asked.push([rows, positions]);
        if (asked.length === 5) throw new Error('would not fit');
      },
    });
    await expect(run).rejects.toThrow('would not fit');
    // The first step forks the prompt's one row to all 8; each step holds one more position.
    expect(asked).toEqual([0, 1, 2, 3, 4].map((i) => [8, prompt.length + 1 + i]));
  });
});

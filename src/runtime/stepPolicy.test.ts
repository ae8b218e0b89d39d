import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { beamSearch } from '../core/search/beamSearch';
import { arith, decode, encode } from '../core/tasks/arith';
import { Decoder, decoderConfig } from './decoder';
import { sampleCompletions } from './generate';
import { decoderStepPolicy } from './stepPolicy';
import { oracleScorer } from '../core/search/scorers';

ort.env.wasm.numThreads = 1;
const MODEL = 'public/models/arith-policy';
let decoder: Decoder;
const codec = { encode, decode };
const OPTS = { topP: 1, topK: 0, maxStepTokens: 40, maxTokens: 128 };

beforeAll(async () => {
  decoder = await Decoder.load(
    readFileSync(`${MODEL}/onnx/model.onnx`),
    decoderConfig(JSON.parse(readFileSync(`${MODEL}/config.json`, 'utf8'))),
  );
});

const problems = [1, 2, 3, 4].map((seed) => arith.generate(seed, 1 + (seed % 3)));

describe('step-level generation over the decoder', () => {
  it('greedy beam search (N = M = 1, T = 0) is greedy decoding of the whole solution', async () => {
    const policy = decoderStepPolicy(decoder, arith, codec, OPTS);
    for (const problem of problems) {
      const prompt = [decoder.cfg.bosId, ...encode(arith.prompt(problem))];
      const { completions } = await sampleCompletions(decoder, prompt, [Rng.fromSeed(0)], {
        temperature: 0,
        topP: 1,
        topK: 0,
        maxTokens: 128,
      });
      const whole = decode(completions[0]!.tokens)
        .split('\n')
        .filter((l) => l !== '');
      const r = await beamSearch(
        {
          problem,
          policy,
          scorer: oracleScorer(arith),
          grade: (steps) => arith.grade(problem, steps.join('\n')),
          seed: 1,
        },
        { n: 1, m: 1, maxSteps: 40, temperature: 0 },
      );
      expect(r.steps, problem.question).toEqual(whole);
    }
  });

  it('a ragged batch (different prefixes, shared ones prefilled once) equals each row alone', async () => {
    const policy = decoderStepPolicy(decoder, arith, codec, OPTS);
    const problem = problems[2]!;
    const lines = problem.steps;
    const requests = [
      { steps: [], seed: 11 },
      { steps: lines.slice(0, 1), seed: 12 },
      { steps: [], seed: 13 },
      { steps: lines.slice(0, 2), seed: 14 },
      { steps: lines.slice(0, 1), seed: 15 },
    ];
    for (const temperature of [0, 1.5]) {
      const batch = await policy.propose(problem, requests, temperature);
      // Three distinct prefixes: prefilled once each.
      const lengths = [0, 1, 2].map(
        (k) =>
          1 +
          encode(arith.prompt(problem)).length +
          (k === 0 ? 0 : encode(lines.slice(0, k).join('\n') + '\n').length),
      );
      expect(batch.promptTokens).toBe(lengths.reduce((a, b) => a + b, 0));
      for (let i = 0; i < requests.length; i++) {
        const alone = await policy.propose(problem, [requests[i]!], temperature);
        const [a, b] = [batch.steps[i]!, alone.steps[0]!];
        expect({ ...a, logprob: 0 }, `row ${i} at T=${temperature}`).toEqual({ ...b, logprob: 0 });
        expect(a.logprob).toBeCloseTo(b.logprob, 4);
      }
    }
  });
});

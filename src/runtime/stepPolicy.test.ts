import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { beamSearch } from '../core/strategies/beamSearch';
import { arith, decode, encode } from '../core/tasks/arith';
import { Decoder, decoderConfig } from './decoder';
import { sampleCompletions } from './generate';
import { decoderStepPolicy } from './stepPolicy';
import { oracleScorer } from '../core/search/scorers';
import { DEFAULT_TREE_SETTINGS, TREE_STRATEGIES, type TreeStrategyId } from '../core/search';

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

  it('branching from the kept cache draws the same tree as re-reading every prefix, for far fewer prompt tokens', async () => {
    const problem = arith.generate(21, 2);
    const ids: TreeStrategyId[] = ['beam', 'dvts', 'particle-filter', 'mcts', 'best-first'];
    for (const id of ids) {
      const run = (reuseCache: boolean) =>
        TREE_STRATEGIES[id].run(
          {
            problem,
            policy: decoderStepPolicy(decoder, arith, codec, { ...OPTS, reuseCache }),
            scorer: oracleScorer(arith, {
              falsePositive: 0.3,
              falseNegative: 0.2,
              noise: 0.1,
              seed: 3,
            }),
            grade: (steps) => arith.grade(problem, steps.join('\n')),
            seed: 5,
          },
          8,
          { ...DEFAULT_TREE_SETTINGS, m: 2 },
        );
      const [kept, prefilled] = [await run(true), await run(false)];
      const created = (r: typeof kept) =>
        r.trace.events.flatMap((e) => (e.type === 'created' ? [[e.parent, e.text]] : []));
      expect(created(kept), id).toEqual(created(prefilled));
      expect(kept.steps, id).toEqual(prefilled.steps);
      expect(kept.cost.generatedTokens, id).toBe(prefilled.cost.generatedTokens);
      // Beam search, DVTS and particle filtering extend the nodes they just made: after the first
      // step nothing is re-read. MCTS and best-first jump between branches: some prefixes are.
      if (id === 'beam' || id === 'dvts' || id === 'particle-filter')
        expect(kept.cost.promptTokens, id).toBe(1 + encode(arith.prompt(problem)).length);
      expect(kept.cost.promptTokens, id).toBeLessThan(prefilled.cost.promptTokens);
    }
  });
});

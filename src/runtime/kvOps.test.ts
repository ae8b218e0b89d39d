import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { DEFAULT_TREE_SETTINGS, TREE_STRATEGIES } from '../core/search';
import { oracleScorer } from '../core/search/scorers';
import { arith, decode, encode } from '../core/tasks/arith';
import { Decoder, decoderConfig, KvCache } from './decoder';
import { sampleCompletions } from './generate';
import { SessionKvOps } from './kvOps';
import { decoderStepPolicy } from './stepPolicy';

// The WebGPU path's cache operations (one-node Gather / Concat sessions) run here on WASM: the same
// graphs, checked against the CPU copies they replace.
ort.env.wasm.numThreads = 1;
const MODEL = 'public/models/arith-policy';
let cpu: Decoder;
let graphs: Decoder;

beforeAll(async () => {
  const bytes = readFileSync(`${MODEL}/onnx/model.onnx`);
  const cfg = decoderConfig(JSON.parse(readFileSync(`${MODEL}/config.json`, 'utf8')));
  cpu = await Decoder.load(bytes, cfg);
  graphs = await Decoder.load(bytes, cfg, ['wasm'], { kvOps: 'sessions' });
});

const data = (c: KvCache) => c.tensors.map((t) => [t.dims, Array.from(t.data as Float32Array)]);

describe('KV cache operations as ONNX Runtime sessions (the WebGPU path)', () => {
  it('select, gather with leading padding, and row concatenation equal the CPU copies', async () => {
    const ops = new SessionKvOps(['wasm'], 'cpu');
    const prompt = [cpu.cfg.bosId, ...encode(arith.prompt(arith.generate(3, 2)))];
    const { cache } = await cpu.forward([prompt, [...prompt].reverse()], cpu.emptyCache(2));
    const onOps = new KvCache(cache.tensors, cache.batch, cache.length, ops);
    const rows = [1, 0, 1, 1];
    expect(data(await onOps.select(rows))).toEqual(data(await cache.select(rows)));
    // Forks (one row repeated: doubling copies) into recycled storage that holds garbage.
    for (const fork of [[1, 1, 1, 1, 1], new Array<number>(7).fill(0)]) {
      const dirty = await cache.select(fork.map((_, i) => i % 2));
      for (const t of dirty.tensors) (t.data as Float32Array).fill(NaN);
      dirty.dispose();
      expect(data(await cache.select(fork))).toEqual(data(await onOps.select(fork)));
    }
    const cols = [-1, -1, -1, 0, 2, 3, 7, cache.length - 1];
    expect(data(await onOps.gather(rows, cols))).toEqual(data(await cache.gather(rows, cols)));
    const a = await cache.select([0]);
    const b = await cache.select([1, 1]);
    const joined = await KvCache.concatRows([
      new KvCache(a.tensors, 1, a.length, ops),
      new KvCache(b.tensors, 2, b.length, ops),
    ]);
    expect(data(joined)).toEqual(data(await KvCache.concatRows([a, b])));
    await expect(onOps.gather([0], [0, -1])).rejects.toThrow(/padding positions must lead/);
    await ops.release();
  });

  it('batched sampling and every tree strategy draw the same tokens through them', async () => {
    const problem = arith.generate(8, 2);
    const prompt = [cpu.cfg.bosId, ...encode(arith.prompt(problem))];
    const opts = { temperature: 1, topP: 1, topK: 0, maxTokens: 64 };
    const rngs = () => Array.from({ length: 12 }, (_, i) => Rng.fromSeed(4, 'row', i));
    const [x, y] = [
      await sampleCompletions(cpu, prompt, rngs(), opts),
      await sampleCompletions(graphs, prompt, rngs(), opts),
    ];
    expect(y.completions.map((c) => c.tokens)).toEqual(x.completions.map((c) => c.tokens));
    for (const id of Object.keys(TREE_STRATEGIES) as (keyof typeof TREE_STRATEGIES)[]) {
      const run = (d: Decoder) =>
        TREE_STRATEGIES[id].run(
          {
            problem,
            policy: decoderStepPolicy(
              d,
              arith,
              { encode, decode },
              {
                topP: 1,
                topK: 0,
                maxStepTokens: 40,
                maxTokens: 128,
              },
            ),
            scorer: oracleScorer(arith, {
              falsePositive: 0.3,
              falseNegative: 0.2,
              noise: 0.1,
              seed: 1,
            }),
            grade: (steps) => arith.grade(problem, steps.join('\n')),
            seed: 9,
          },
          8,
          { ...DEFAULT_TREE_SETTINGS, m: 2 },
        );
      const [p, q] = [await run(cpu), await run(graphs)];
      expect(q.trace.events, id).toEqual(p.trace.events);
    }
  });
});

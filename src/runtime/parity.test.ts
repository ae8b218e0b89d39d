/**
 * ONNX Runtime (onnxruntime-web's WASM backend, as the CLI and the browser run it) reproduces PyTorch's
 * logits for every built-in model: a full forward, and a forward over a past cache built from the prompt.
 * Fixtures: fixtures/parity/<model>.json, written by training/export.py from the PyTorch weights.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';

ort.env.wasm.numThreads = 1;

interface ParityCase {
  problem: string;
  text: string;
  ids: number[];
  promptLength: number;
  logits: number[][];
  pastLogits: number[][];
  greedy: number[];
}

const fixtures = readdirSync('fixtures/parity')
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`fixtures/parity/${f}`, 'utf8')) as { model: string; cases: ParityCase[] });

const int64 = (xs: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), dims);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function emptyPast(config: { num_hidden_layers: number; num_key_value_heads: number; head_dim: number }) {
  const feeds: Record<string, ort.Tensor> = {};
  for (let i = 0; i < config.num_hidden_layers; i++) {
    for (const kv of ['key', 'value']) {
      feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, config.num_key_value_heads, 0, config.head_dim]);
    }
  }
  return feeds;
}

function maxAbsDiff(data: Float32Array, expected: number[][]): number {
  const V = expected[0]!.length;
  let d = 0;
  expected.forEach((row, t) => row.forEach((x, v) => (d = Math.max(d, Math.abs(data[t * V + v]! - x)))));
  return d;
}

describe('ONNX parity with PyTorch', () => {
  it('has a parity fixture for every exported model', () => {
    const models = readdirSync('public/models').filter((d) => existsSync(`public/models/${d}/onnx/model.onnx`));
    expect(models.length).toBeGreaterThan(0);
    expect(fixtures.map((f) => f.model).sort()).toEqual(models.sort());
  });

  for (const fixture of fixtures) {
    it(`${fixture.model}: logits within 1e-4 on ${fixture.cases.length} problems, full and over a past cache`, async () => {
      const dir = `public/models/${fixture.model}`;
      const config = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));
      const session = await ort.InferenceSession.create(readFileSync(`${dir}/onnx/model.onnx`), { executionProviders: ['wasm'] });
      expect(fixture.cases).toHaveLength(20);
      for (const c of fixture.cases) {
        const T = c.ids.length;
        const full = await session.run({
          input_ids: int64(c.ids, [1, T]),
          attention_mask: int64(c.ids.map(() => 1), [1, T]),
          position_ids: int64(range(0, T), [1, T]),
          ...emptyPast(config),
        });
        expect(maxAbsDiff(full.logits!.data as Float32Array, c.logits), c.problem).toBeLessThan(1e-4);

        const P = c.promptLength;
        const prefix = await session.run({
          input_ids: int64(c.ids.slice(0, P), [1, P]),
          attention_mask: int64(range(0, P).map(() => 1), [1, P]),
          position_ids: int64(range(0, P), [1, P]),
          ...emptyPast(config),
        });
        const past: Record<string, ort.Tensor> = {};
        for (const name of session.outputNames.filter((n) => n.startsWith('present.'))) {
          past[name.replace('present.', 'past_key_values.')] = prefix[name]!;
        }
        const rest = await session.run({
          input_ids: int64(c.ids.slice(P), [1, T - P]),
          attention_mask: int64(c.ids.map(() => 1), [1, T]),
          position_ids: int64(range(P, T), [1, T - P]),
          ...past,
        });
        expect(maxAbsDiff(rest.logits!.data as Float32Array, c.pastLogits), `${c.problem} (past)`).toBeLessThan(1e-4);
      }
      await session.release();
    });
  }
});

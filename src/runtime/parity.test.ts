/**
 * ONNX Runtime (onnxruntime-web's WASM backend, as the CLI and the browser run it) reproduces PyTorch's
 * logits for every built-in model. Fixtures: fixtures/parity/<model>.json, from training/export.py.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { logitParity, type ParityFixture } from './parity';

ort.env.wasm.numThreads = 1;

const fixtures = readdirSync('fixtures/parity')
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`fixtures/parity/${f}`, 'utf8')) as ParityFixture);

describe('ONNX parity with PyTorch', () => {
  it('has a parity fixture for every exported model', () => {
    const models = readdirSync('public/models').filter((d) =>
      existsSync(`public/models/${d}/onnx/model.onnx`),
    );
    expect(models.length).toBeGreaterThan(0);
    expect(fixtures.map((f) => f.model).sort()).toEqual(models.sort());
  });

  for (const fixture of fixtures) {
    it(`${fixture.model}: logits and verifier step scores within 1e-4 on 20 problems, full and over a past cache`, async () => {
      const dir = `public/models/${fixture.model}`;
      const config = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));
      expect(fixture.cases).toHaveLength(20);
      expect(fixture.cases.every((c) => c.scores)).toBe(true);
      for (const r of await logitParity(readFileSync(`${dir}/onnx/model.onnx`), config, fixture)) {
        expect(r.full, r.problem).toBeLessThan(1e-4);
        expect(r.past, `${r.problem} (past)`).toBeLessThan(1e-4);
        expect(r.scores, `${r.problem} (verifier scores)`).toBeLessThan(1e-4);
      }
    });
  }
});

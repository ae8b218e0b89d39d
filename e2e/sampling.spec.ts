import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import * as ort from 'onnxruntime-web';
import { Rng } from '../src/core/rng';
import { arith } from '../src/core/tasks/arith';
import { decode, encode } from '../src/core/tasks/arith/vocab';
import { Decoder, decoderConfig } from '../src/runtime/decoder';
import { sampleCompletions } from '../src/runtime/generate';

const problem = arith.generate(2060, 3);
const SEED = 0; // the app's sampling seed (SAMPLE_SEED)

/** The same seeded samples drawn in Node with the same runtime: what the page must show. */
async function nodeSamples(n: number): Promise<string[]> {
  ort.env.wasm.numThreads = 1;
  const dir = 'public/models/arith-policy';
  const decoder = await Decoder.load(
    readFileSync(`${dir}/onnx/model.onnx`),
    decoderConfig(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'))),
  );
  const rngs = Array.from({ length: n }, (_, i) => Rng.fromSeed(SEED, 'sample', problem.id, i));
  const { completions } = await sampleCompletions(
    decoder,
    [decoder.cfg.bosId, ...encode(arith.prompt(problem))],
    rngs,
    {
      temperature: 1,
      topP: 1,
      topK: 0,
      maxTokens: 128,
    },
  );
  await decoder.release();
  return completions.map((c) => decode(c.tokens));
}

async function draw(page: Page, n: number, backend: string) {
  await page.getByTestId('sample-count').fill(String(n));
  await page.getByTestId('sample-backend').selectOption(backend);
  await page.getByTestId('draw-samples').click();
}

test('draws 16 samples in a worker on WASM, identical to the same seeded samples in Node', async ({
  page,
}) => {
  await page.goto('/');
  await draw(page, 16, 'wasm');
  await expect(page.getByTestId('sample-summary')).toContainText('WASM', { timeout: 60_000 });
  const texts = await page.getByTestId('sample-text').allTextContents();
  expect(texts).toHaveLength(16);
  expect(texts).toEqual(await nodeSamples(16));
});

test('draws 2 samples on WebGPU (SwiftShader)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await draw(page, 2, 'webgpu');
  await expect(page.getByTestId('sample-summary')).toContainText('WebGPU', { timeout: 120_000 });
  const texts = await page.getByTestId('sample-text').allTextContents();
  expect(texts).toHaveLength(2);
  for (const t of texts) expect(t.length).toBeGreaterThan(0);
});

test('a worker killed mid-run shows an error, and a retry works', async ({ page }) => {
  await page.addInitScript(() => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = { killWorkerOnFirstProgress: true };
  });
  await page.goto('/');
  await draw(page, 8, 'wasm');
  await expect(page.getByTestId('sample-error')).toContainText('worker was stopped', {
    timeout: 60_000,
  });
  await page.getByTestId('draw-samples').click(); // now labelled Retry
  await expect(page.getByTestId('sample-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sample-text')).toHaveCount(8);
});

import { statSync } from 'node:fs';
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import { expect, test } from '@playwright/test';
import { arith } from '../src/core/tasks/arith';
import { makeProblemSet } from '../src/core/tasks/problemSet';
import { runEnds, watchErrors } from './helpers';

// One level-3 problem, one sample, no verifier: the page's first problem is the one checked here.
const ONE = '/?levels=3&problems=1&n=1&k=1&verifier=none&backend=wasm&s=majority';

/** The same greedy decode in Node (transformers.js on the same files): what the page must show. */
async function expectedGreedy(prompt: string): Promise<string> {
  env.allowRemoteModels = false;
  env.localModelPath = 'public/models/';
  const tokenizer = await AutoTokenizer.from_pretrained('arith-policy');
  const model = await AutoModelForCausalLM.from_pretrained('arith-policy', { dtype: 'fp32' });
  const inputs = tokenizer(prompt);
  const out = (await model.generate({ ...inputs, max_new_tokens: 96, do_sample: false })) as {
    tolist(): bigint[][];
  };
  const ids = out
    .tolist()[0]!
    .map(Number)
    .slice((inputs.input_ids as { dims: number[] }).dims[1]);
  await model.dispose();
  return tokenizer.decode(ids, { skip_special_tokens: true });
}

test('the built-in policy loads from the app itself and greedy-decodes in a worker as in Node', async ({
  page,
  baseURL,
}) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (
      !r.url().startsWith(baseURL!) &&
      !r.url().startsWith('blob:') &&
      !r.url().startsWith('data:')
    )
      foreign.push(r.url());
  });
  const errors = watchErrors(page);
  await page.goto(ONE);
  await runEnds(page, 'done');
  // The model files' bytes were reported as they arrived (the run bar's loading line): the last
  // one loaded arrived whole.
  const loading = (await page.getByTestId('run-bar').getAttribute('data-loading'))!;
  const [model, counts] = loading.split(':') as [string, string];
  const size = statSync(`public/models/${model}/onnx/model.onnx`).size;
  // (The size is known only where the server sends Content-Length; vite preview streams.)
  expect([`${size}/${size}`, `${size}/`]).toContain(counts);
  await page.getByText('Greedy decode with transformers.js').click();
  await page.getByTestId('greedy-run').click();
  const completion = page.getByTestId('greedy-completion');
  await expect(completion).toBeVisible({ timeout: 60_000 });
  const problem = makeProblemSet(arith, 0, [3], 1)[0]!;
  expect(await completion.textContent()).toBe(await expectedGreedy(arith.prompt(problem)));
  const correct = arith.grade(problem, (await completion.textContent())!).correct;
  await expect(page.getByTestId('greedy-status')).toHaveAttribute('data-correct', String(correct));
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('a missing model file is a 404, not the app page', async ({ request }) => {
  const missing = await request.get('/models/arith-policy/no-such-file.json');
  expect(missing.status()).toBe(404);
  const traversal = await request.get('/models/..%2Findex.html');
  expect(traversal.status()).toBe(404);
  const present = await request.get('/models/arith-policy/config.json');
  expect(present.status()).toBe(200);
  expect((await present.json()).model_type).toBe('llama');
});

test('a model that fails to load gets a clear message, not a broken page, and a retry works', async ({
  page,
}) => {
  let fail = true;
  await page.route('**/models/arith-policy/onnx/model.onnx', (route) =>
    fail ? route.fulfill({ status: 500, body: 'boom' }) : route.continue(),
  );
  await page.goto(ONE);
  await runEnds(page, 'error');
  await expect(page.getByTestId('run-error')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('run-error')).toHaveAttribute('data-kind', 'load');
  await expect(page.getByTestId('run-error')).toContainText(
    /could not load model arith-policy: .*model\.onnx answered HTTP 500/,
  );
  await expect(page.getByRole('region', { name: 'Experiment' })).toBeVisible();
  fail = false;
  await page.getByTestId('run').click();
  await runEnds(page, 'done');
});

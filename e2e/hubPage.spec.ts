/**
 * A hub model in the page, against the local stand-in hub (scripts/hubStandIn.ts) serving the
 * generated Qwen3-architecture test model (training/hub_test_model.py; random weights, the real
 * Qwen3 tokenizer): typed in, downloaded with progress per file into transformers.js's cache, drawn
 * on the math task and shown in every view; a reload downloads nothing; the copied link carries the
 * model. Faults come from the stand-in's one-shot hooks and the test build's storage-estimate hook.
 * The stand-in listens on the ports the test build's CSP allows (scripts/csp.ts, TEST_HUB_ORIGINS).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startStandInHub, type StandInHub } from '../scripts/hubStandIn';
import { hubTestModel } from '../src/runtime/testing/hubTestModel';
import { exported, runEnds, ttcScore, watchErrors } from './helpers';

// The full vocabulary: the chat template's special tokens (<|im_start|> = 151644) must be in it.
const SMALL = ['--max-positions', '256'];
const MATH = '/?task=math&problems=2&n=4&k=4&maxtok=12&verifier=oracle&s=majority,bon';

// A cache-heavy shape (16 KV heads of 256: no grouped-query attention, wide heads): 64 KB of KV
// cache a token per row, so N = 1024 rows outgrow wasm32's 4 GiB within the prompt.
const WIDE_ARGS = [
  '--heads',
  '16',
  '--kv-heads',
  '16',
  '--head-dim',
  '256',
  '--name',
  'Qwen3-wide-cache',
];
const WIDE = 'ttc-test/Qwen3-wide-cache';

let hub: StandInHub;
let model: string;

test.beforeAll(async () => {
  const tm = hubTestModel('plain', ['q4', 'q4f16'], SMALL);
  const wide = hubTestModel('plain', ['q4'], [...SMALL, ...WIDE_ARGS]);
  model = tm.model;
  // One hub holds both models.
  const root = mkdtempSync(join(tmpdir(), 'ttc-hub-both-'));
  cpSync(tm.dir, join(root, model), { recursive: true });
  cpSync(join(wide.root, WIDE), join(root, WIDE), { recursive: true });
  hub = await startStandInHub(root, 4190, 4191);
});
test.afterAll(() => hub?.close());
test.beforeEach(() => {
  hub.log.length = 0;
  hub.faults.cut.length = 0;
  hub.faults.stall.length = 0;
  hub.faults.corrupt.length = 0;
});

/** This browser's hub host setting, as a visitor who chose the stand-in would have it. */
const useStandIn = (page: Page) =>
  page.addInitScript((host) => localStorage.setItem('ttc-hub-host', host), hub.url);

/** Requests that fetched a file's bytes (not the one-byte size probes). */
const downloads = () => hub.log.filter((l) => / GET /.test(l) && !/ bytes=0-0$/.test(l));

const legend = (page: Page) =>
  page
    .locator('[data-testid^="legend-"]')
    .evaluateAll((rows) => rows.map((r) => [r.dataset.testid, r.dataset.accuracy]));

const votes = (page: Page) =>
  page
    .getByTestId('vote-bar')
    .evaluateAll((bars) => bars.map((b) => [b.getAttribute('data-answer'), b.textContent]));

test('a typed hub id downloads with progress per file, draws math samples shown in curves, votes and samples; a reload downloads nothing; the copied link carries the model', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${MATH}&backend=wasm`);
  await page.getByTestId('policy').selectOption('__other__');
  await page.getByTestId('hub-model-id').fill(model);
  await page.getByTestId('hub-model-use').click();
  await page.getByText('Hub host').click();
  await page.getByTestId('hub-host').fill(hub.url);
  await page.getByTestId('hub-host-save').click();
  await expect(page.getByTestId('hub-host-message')).toContainText(hub.url);
  // The picker asks the hub what each dtype weighs: this model ships q4f16 and q4 (on WASM both run).
  await expect(page.getByTestId('dtype').locator('option')).toHaveText([
    /^q4f16 · \d+\.\d MB$/,
    /^q4 · \d+\.\d MB$/,
  ]);
  await expect(page.getByTestId('system-prompt')).toHaveValue(/^Please reason step by step/);

  await page.getByTestId('run').click();
  await runEnds(page, 'done', 240_000);
  const files = page.getByTestId('download-file');
  await expect(files.first()).toBeVisible();
  const rows = await files.evaluateAll((els) =>
    els.map((el) => ({
      path: el.getAttribute('data-path'),
      received: Number(el.getAttribute('data-received')),
      total: Number(el.getAttribute('data-total')),
      cached: el.getAttribute('data-cached'),
    })),
  );
  const graph = rows.find((r) => r.path === 'onnx/model_q4.onnx');
  expect(graph?.total).toBeGreaterThan(100_000);
  expect(graph?.received).toBe(graph?.total);
  expect(rows.map((r) => r.path)).toEqual(
    expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json']),
  );
  expect(rows.every((r) => r.cached === 'false')).toBe(true);
  // The weights came redirected from the CDN origin, as the hub sends them.
  expect(downloads().some((l) => l.startsWith('cdn GET') && l.includes('model_q4.onnx'))).toBe(
    true,
  );

  // Curves, votes and a sample, all from the hub model.
  await expect(page.getByTestId('chart')).toBeVisible();
  const shown = await legend(page);
  expect(shown.length).toBeGreaterThan(1);
  await expect(page.getByTestId('votes')).toBeVisible();
  const bars = await votes(page);
  expect(bars.length).toBeGreaterThan(0);
  await page.getByTestId('vote-bar').first().click();
  await page.getByTestId('sample').first().click();
  await expect(page.getByTestId('sample-text')).not.toBeEmpty();
  // Tree search loads the hub model in its own worker, and says plainly why it cannot search math
  // yet: free-text steps need a step verifier (a process reward model), which the oracle is not.
  await page.getByTestId('tab-search').click();
  await page.getByTestId('run-search').click();
  await expect(page.locator('.search .error')).toContainText(
    'the exact oracle cannot judge a partial math solution',
    { timeout: 120_000 },
  );
  const status = page.getByTestId('model-status');
  await expect(status).toHaveText(model);

  // A reload: every file from this browser's cache (transformers.js's), the pool from IndexedDB.
  hub.log.length = 0;
  await page.reload();
  await runEnds(page, 'done');
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-inference-calls', '0');
  expect(downloads()).toEqual([]);
  await expect.poll(() => legend(page)).toEqual(shown);
  expect(await votes(page)).toEqual(bars);
  await expect(page.getByTestId('download-file').first()).toHaveAttribute('data-cached', 'true');
  await expect(page.getByTestId('cached-models')).toContainText('1 hub model');
  // transformers.js itself finds the model in its cache, under its keys: it decodes with no request.
  await expect(page.getByTestId('dtype').locator('option')).toHaveText([/MB$/, /MB$/]); // sizes asked
  hub.log.length = 0;
  await page.getByText('Greedy decode with transformers.js').click();
  await page.getByTestId('greedy-run').click();
  await expect(page.getByTestId('greedy-status')).toHaveAttribute('data-correct', /true|false/, {
    timeout: 120_000,
  });
  expect(hub.log).toEqual([]);
  await expect(page.getByTestId('cached-model')).toHaveAttribute('data-model', model);

  // Offline (the hub unreachable): the cached model still loads, the pool still shows; only the
  // picker's sizes are unavailable.
  await page.context().route(/^http:\/\/127\.0\.0\.1:419[01]\//, (r) => r.abort());
  await page.reload();
  await runEnds(page, 'done');
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-inference-calls', '0');
  await expect.poll(() => legend(page)).toEqual(shown);
  await expect(page.getByTestId('size-error')).toContainText('could not reach');
  await page.context().unroute(/^http:\/\/127\.0\.0\.1:419[01]\//);

  // The copied link, opened where nothing is cached: same model, revision, dtype and prompt, and
  // the same samples (seeded), downloaded again.
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(`policy=${encodeURIComponent(model)}`);
  expect(link).toContain(`mr=${model}:${hub.commit(model)}`);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await useStandIn(other);
  await other.goto(link);
  await runEnds(other, 'done', 240_000);
  await expect(other.getByTestId('hub-model-id')).toHaveValue(model);
  await expect(other.getByTestId('dtype')).toHaveValue('q4');
  await expect(other.getByTestId('revision')).toHaveValue('main');
  await expect(other.getByTestId('system-prompt')).toHaveValue(/^Please reason step by step/);
  await expect(other.getByTestId('link-messages')).toHaveCount(0);
  await expect.poll(() => legend(other)).toEqual(shown);
  expect(await votes(other)).toEqual(bars);
  await fresh.close();
  // Chromium logs every failed request: the size probes of dtypes the model does not ship (404),
  // the default hub, unreachable here, asked for sizes before the host was set, and the offline part.
  expect(
    errors.filter(
      (e) =>
        !/^Failed to load resource: (the server responded with a status of 404|net::ERR_NAME_NOT_RESOLVED|net::ERR_FAILED)/.test(
          e,
        ),
    ),
  ).toEqual([]);
});

test('the hub model as its own judge: verifier-guided curves equal to ttc score on the exported pool, and tree search on math shown in the tree view', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await useStandIn(page);
  const judge = `${model}:judge`;
  const link = `${MATH}&backend=wasm&policy=${model}&vmodel=${model}&vrule=judge`
    .replace('verifier=oracle', 'verifier=hub')
    .replace('s=majority,bon', 's=majority,bon,weighted');
  await page.goto(link);
  await expect(page.getByTestId('verifier')).toHaveValue('hub');
  await expect(page.getByTestId('verifier-rule')).toHaveValue('judge');
  await expect(page.getByTestId('verifier-prompt')).toHaveValue(/\{solution\}/);
  await runEnds(page, 'done', 240_000);
  const pool = JSON.parse(await exported(page, 'export-pool'));
  expect(pool.verifiers.map((v: { id: string }) => v.id)).toEqual([judge]);
  expect(pool.problems[0].samples[0].scores[judge].outcome).toBeGreaterThan(0);
  const cli = ttcScore(pool, 'subsample', 0);
  const k = cli.ks.indexOf(4);
  for (const id of ['majority', `bon-outcome@${judge}`, `weighted@${judge}`]) {
    const shown = Number(await page.getByTestId(`legend-${id}`).getAttribute('data-accuracy'));
    expect(shown, id).toBeCloseTo(cli.overall.curves[id]![k]!.accuracy, 12);
  }
  // Tree search on free-text math: the judge reads each partial solution, and the tree shows.
  await page.getByTestId('tab-search').click();
  await page.getByTestId('run-search').click();
  await page.getByTestId('tree-end').click({ timeout: 180_000 });
  await expect(page.getByTestId('search-summary')).toBeVisible();
  expect(Number(await page.getByTestId('search-tree').getAttribute('data-nodes'))).toBeGreaterThan(
    1,
  );
});

test('faults: a missing model, a download cut mid-file, a quota too small, a corrupt file — each says what failed, and Retry fetches only what is missing', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await useStandIn(page);
  const error = page.getByTestId('run-error');

  await page.goto(`${MATH}&backend=wasm&policy=ttc-test/absent`);
  await runEnds(page, 'error');
  await expect(error).toContainText('ttc-test/absent is not a model there');

  // Cut mid-file: the message names the file; Retry fetches that file only (config, tokenizer kept).
  hub.faults.cut.push('model_q4.onnx');
  await page.goto(`${MATH}&backend=wasm&policy=${model}`);
  await runEnds(page, 'error');
  await expect(error).toContainText('onnx/model_q4.onnx: the download broke off after');
  hub.log.length = 0;
  await page.getByTestId('run').click();
  await runEnds(page, 'done', 240_000);
  expect(downloads().filter((l) => !l.includes('model_q4.onnx'))).toEqual([]);
  const drawn = await legend(page);

  // A quota too small: the model deleted from this browser, then asked with another system prompt
  // (another session, so it loads again): refused before the weights download.
  await page.evaluate(() => {
    (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = {
      storageEstimate: { usage: 9_000_000, quota: 9_000_100 },
    };
  });
  await page.getByText(/hub models? stored/).click();
  await page.getByTestId('cached-model-delete').click();
  await expect(page.getByTestId('cached-models')).toContainText('0 hub models');
  hub.log.length = 0;
  await page.getByTestId('system-prompt').fill('Answer briefly.');
  await page.getByTestId('system-prompt').blur();
  await page.getByTestId('run').click();
  await runEnds(page, 'error');
  await expect(error).toContainText('needs');
  await expect(error).toContainText('Delete models you no longer need');
  expect(downloads().some((l) => l.includes('model_q4.onnx'))).toBe(false);
  await page.evaluate(() => delete (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__);

  // A corrupt file: its sha256 is not the one the hub states; nothing corrupt is kept.
  hub.faults.corrupt.push('model_q4.onnx');
  await page.getByTestId('run').click();
  await runEnds(page, 'error');
  await expect(error).toContainText('onnx/model_q4.onnx is corrupt');
  await page.getByTestId('run').click();
  await runEnds(page, 'done', 240_000);
  // Back to the default prompt: its pool comes from this browser's storage, nothing is drawn again.
  await page.getByTestId('system-default').click();
  await page.getByTestId('run').click();
  await runEnds(page, 'done');
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-inference-calls', '0');
  await expect.poll(() => legend(page)).toEqual(drawn);
});

for (const kind of ['cancel', 'kill'] as const)
  test(`a download ${kind === 'cancel' ? 'cancelled' : 'whose worker is killed'} mid-file keeps the files that arrived, and ${kind === 'cancel' ? 'Run' : 'Retry'} fetches only the rest`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await useStandIn(page);
    // The weights stall half-way, so the fault certainly lands mid-file.
    hub.faults.stall.push('model_q4.onnx');
    await page.addInitScript((k) => {
      (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = {
        downloadFault: { path: 'model_q4.onnx', kind: k },
      };
    }, kind);
    await page.goto(`${MATH}&backend=wasm&policy=${model}`);
    if (kind === 'cancel') await runEnds(page, 'cancelled');
    else {
      await runEnds(page, 'error');
      await expect(page.getByTestId('run-error')).toContainText('policy worker was stopped');
      await expect(page.getByTestId('run-error')).toHaveAttribute('data-kind', 'crash');
    }
    const before = downloads();
    expect(before.some((l) => l.includes('config.json'))).toBe(true);
    hub.log.length = 0;
    await page.getByTestId('run').click();
    await runEnds(page, 'done', 200_000);
    // Config, tokenizer and the rest came from this browser's cache: only the weights again.
    expect(downloads().filter((l) => !l.includes('model_q4.onnx'))).toEqual([]);
    expect(downloads().some((l) => l.includes('model_q4.onnx'))).toBe(true);
  });

test('tree search on a hub model: its own worker loads it, and the tree view shows the search (arith, exact step oracle)', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await useStandIn(page);
  await page.goto(
    `/?task=arith&levels=1&problems=1&n=2&k=2&maxtok=16&verifier=oracle&s=majority&backend=wasm&policy=${model}&tn=4&tm=2`,
  );
  await runEnds(page, 'done', 200_000);
  await page.getByTestId('tab-search').click();
  await page.getByTestId('run-search').click();
  await page.getByTestId('tree-end').click({ timeout: 180_000 });
  await expect(page.getByTestId('search-summary')).toBeVisible();
  expect(Number(await page.getByTestId('search-tree').getAttribute('data-nodes'))).toBeGreaterThan(
    1,
  );
});

test('a link naming another hub host is refused, and no request leaves for it', async ({
  page,
}) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(`${MATH}&backend=wasm&policy=${model}&hub=https://evil.example`);
  await expect(page.getByTestId('link-messages')).toContainText(
    'Ignored hub="https://evil.example": a link cannot choose where models download from',
  );
  await runEnds(page, 'error');
  expect(asked.filter((u) => new URL(u).hostname.endsWith('evil.example'))).toEqual([]);
  // Downloads go to this browser's own setting (the default hub, unreachable here).
  expect(asked.some((u) => u.startsWith('https://huggingface.co/'))).toBe(true);
});

test('WebGPU (SwiftShader, no shader-f16): float16 weights are refused before download and hidden, with the reason; q4 draws a few tokens', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await useStandIn(page);
  const url = `/?task=math&problems=1&n=2&k=2&maxtok=3&verifier=none&s=majority&backend=webgpu&policy=${model}`;
  await page.goto(`${url}&dtype=q4f16`);
  await runEnds(page, 'error');
  await expect(page.getByTestId('run-error')).toContainText(
    `${model} q4f16 has float16 weights, and this WebGPU adapter`,
  );
  await expect(page.getByTestId('run-error')).toContainText('has no shader-f16');
  expect(downloads().some((l) => l.includes('model_q4f16.onnx'))).toBe(false);
  await expect(page.getByTestId('backend-runs')).toContainText('no shader-f16');
  await expect(page.getByTestId('f16-note')).toContainText('q4f16 and fp16 are hidden');

  await page.goto(url);
  await expect(page.getByTestId('dtype').locator('option')).toHaveText([/^q4 · /]);
  await runEnds(page, 'done', 200_000);
  await expect(page.getByTestId('backend-runs')).toHaveAttribute('data-runs', 'webgpu');
  await expect(page.getByTestId('vote-bar').first()).toBeVisible();
});

test('out of memory is predicted before the step that would not fit: N = 1024 on a cache-heavy model says what to lower, and a smaller N then draws', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await useStandIn(page);
  const url = (n: number) =>
    `/?task=math&problems=1&n=${n}&k=${n}&maxtok=4&verifier=none&s=majority&backend=wasm&policy=${WIDE}&dtype=q4`;
  await page.goto(url(1024));
  await runEnds(page, 'error');
  const error = page.getByTestId('run-error');
  await expect(error).toHaveAttribute('data-kind', 'memory');
  await expect(error).toContainText(
    `Out of memory, predicted before the step that would not fit: ${WIDE} drawing N = 1024 samples at`,
  );
  await expect(error).toContainText("more than WASM's 4.3 GB heap");
  const text = (await error.textContent()) ?? '';
  const fits = Number(/Lower N to (\d+) or fewer/.exec(text)?.[1]);
  expect(fits).toBeGreaterThanOrEqual(1);
  expect(fits).toBeLessThan(1024);
  // The page is still usable: a smaller N draws (the model, downloaded once, stays cached).
  await page.goto(url(Math.min(fits, 4)));
  await runEnds(page, 'done');
  await expect(page.getByTestId('vote-bar').first()).toBeVisible();
  // Chromium logs the size probes of the dtypes the model does not ship (404), nothing else.
  expect(
    errors.filter(
      (e) => !/^Failed to load resource: the server responded with a status of 404/.test(e),
    ),
  ).toEqual([]);
});

test('storage full while a model downloads: the run goes on, the user is told which file was not kept, and the next visit downloads only it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await useStandIn(page);
  // The first visit (seed 7) meets a full disk at the first file it keeps (config.json).
  await page.addInitScript(() => {
    if (/[?&]seed=7\b/.test(location.search))
      (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = { failCacheWrites: 1 };
  });
  await page.goto(`${MATH}&backend=wasm&policy=${model}&seed=7`);
  await runEnds(page, 'done');
  await expect(page.getByTestId('link-messages')).toContainText(
    `This browser's storage is full: ${model}'s config.json`,
  );
  await expect(page.getByTestId('link-messages')).toContainText('QuotaExceededError');
  await expect(page.getByTestId('vote-bar').first()).toBeVisible();
  hub.log.length = 0;
  await page.goto(`${MATH}&backend=wasm&policy=${model}&seed=8`);
  await runEnds(page, 'done');
  const fetched = downloads();
  expect(fetched.length).toBeGreaterThan(0);
  expect(fetched.filter((l) => !/\/config\.json\b/.test(l))).toEqual([]);
});

/**
 * The page drives `ttc serve` (two real processes: the built app in Chromium, the CLI's
 * OpenAI-compatible server over the built-in models) as a remote policy and a remote verifier:
 * curves, votes and a beam-search tree from the server's samples, which equal the in-process ones;
 * the API key goes nowhere but the Authorization header; a server that refuses the page's origin
 * (CORS), a missing key and a server outside the CSP each get the message that says what to change.
 * The servers listen on loopback, which the CSP's connect-src allows (scripts/csp.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { exported, runEnds, ttcServe, ttcSweepPool, watchErrors } from './helpers';

const KEY = 'sk-e2e-remote-5d1c9b';
const OPEN = 'http://127.0.0.1:4192/v1';
const CLOSED = 'http://127.0.0.1:4193/v1';
const servers: ChildProcess[] = [];

function serve(port: number, ...flags: string[]): Promise<void> {
  const s = ttcServe(port, flags, { SERVE_KEY: KEY });
  servers.push(s.process);
  return s.up;
}

test.beforeAll(async () => {
  await Promise.all([
    serve(4192, '--models', 'arith-policy,arith-verifier', '--api-key-env', 'SERVE_KEY'),
    serve(4193, '--allowed-origins', '["http://elsewhere.test"]'),
  ]);
});
test.afterAll(() => {
  for (const s of servers) s.kill('SIGTERM');
});

const LINK = '/?problems=3&n=4&k=4&levels=1-2&backend=wasm&s=majority,bon';

async function connect(page: Page, role: 'policy' | 'verifier', url: string, key?: string) {
  await page.getByTestId(`remote-${role}-url`).fill(url);
  if (key !== undefined) await page.getByTestId(`remote-${role}-key`).fill(key);
  await page.getByTestId(`remote-${role}-connect`).click();
}

/** Everything this origin keeps: localStorage, and every IndexedDB store's records. */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const out: unknown[] = [{ ...localStorage }];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const name of db.objectStoreNames) {
        const all = await new Promise<unknown[]>((res, rej) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        out.push(all);
      }
      db.close();
    }
    return JSON.stringify(out);
  });

test('a remote policy and verifier on ttc serve: the in-process samples, curves, votes and a beam-search tree; the key stays in memory', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto(LINK);
  await page.getByTestId('policy').selectOption('__remote__');

  // Without the key the server's 401 says what to do.
  await connect(page, 'policy', OPEN);
  await expect(page.getByTestId('remote-policy-error')).toContainText('answered 401');
  await expect(page.getByTestId('remote-policy-error')).toContainText('enter it under API key');

  await connect(page, 'policy', OPEN, KEY);
  await expect(page.getByTestId('remote-policy-model')).toHaveValue('arith-policy');
  const caps = page.getByTestId('remote-policy-capabilities');
  await expect(caps).toContainText('token log-probs: yes');
  await expect(caps).toContainText('Replays: identical');

  await page.getByTestId('verifier').selectOption('remote');
  // Same server: the key is remembered for its origin (this tab only).
  await expect(page.getByTestId('remote-verifier-key')).toHaveValue(KEY);
  await page.getByTestId('remote-verifier-connect').click();
  await page.getByTestId('remote-verifier-model').selectOption('arith-verifier');
  await expect(page.getByTestId('remote-verifier-model')).toHaveValue('arith-verifier');
  await page.getByTestId('remote-verifier-eos').fill('</s>');

  await page.getByTestId('run').click();
  await runEnds(page, 'done', 120_000);
  await expect(page.getByTestId('chart')).toBeVisible();
  // Best-of-N by the remote verifier's scores is on the chart beside the vote.
  await expect(page.getByTestId('legend-bon-outcome@arith-verifier@127.0.0.1:4192')).toBeVisible();
  await expect(page.getByTestId('legend-majority')).toBeVisible();
  await expect(page.getByTestId('votes')).toBeVisible();
  expect(await page.getByTestId('vote-bar').count()).toBeGreaterThan(0);

  // The pool the page drew through the server is the one `ttc sweep` draws in process.
  const pool = JSON.parse(await exported(page, 'export-pool'));
  expect(pool.models[0]).toMatchObject({
    id: 'arith-policy',
    remote: { url: OPEN, engine: 'ttc' },
  });
  const want = ttcSweepPool(['--problems', '3', '--n', '4', '--levels', '1-2']);
  const view = (p: { problems: { samples: { seed: number | null; text: string }[] }[] }) =>
    p.problems.flatMap((e) => e.samples.map((s) => [s.seed, s.text]));
  expect(view(pool)).toEqual(view(want));
  // Scored by the remote verifier, under its name and server.
  expect(Object.keys(pool.problems[0].samples[0].scores)).toEqual([
    'arith-verifier@127.0.0.1:4192',
  ]);

  // Beam search on the selected problem, step by step through the server.
  await page.getByTestId('tab-search').click();
  await page.getByTestId('run-search').click();
  await page.getByTestId('tree-end').click({ timeout: 120_000 });
  await expect(page.getByTestId('search-summary')).toContainText('Answer');
  expect(Number(await page.getByTestId('search-tree').getAttribute('data-nodes'))).toBeGreaterThan(
    3,
  );

  // The key: not in the link, storage, the bundle or the exports.
  const bundle = await exported(page, 'export-bundle');
  const csv = await exported(page, 'export-csv');
  const curves = await exported(page, 'export-curves');
  for (const text of [page.url(), await stored(page), bundle, JSON.stringify(pool), csv, curves])
    expect(text).not.toContain(KEY);
  expect(page.url()).toContain('remote=http');
  // The link reopened in another tab: same server and models, but no key — the server says so.
  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await runEnds(fresh, 'error');
  await expect(fresh.getByTestId('run-bar')).toContainText('answered 401');
  await expect(fresh.getByTestId('run-bar')).toContainText('enter it under API key');
  await fresh.close();
  // The 401 was this test's; the 400s are the probe asking for what ttc serve does not do (/pooling).
  expect(errors.filter((e) => !/status of (400|401)/.test(e))).toEqual([]);
});

test('a server that refuses the origin, and one outside the CSP, each say what to change', async ({
  page,
}) => {
  await page.goto(LINK);
  await page.getByTestId('policy').selectOption('__remote__');
  await connect(page, 'policy', CLOSED);
  const error = page.getByTestId('remote-policy-error');
  await expect(error).toContainText(`could not reach ${CLOSED}/models`);
  await expect(error).toContainText(`--allowed-origins '["http://127.0.0.1:4173"]'`);
  await expect(error).toContainText('cannot tell the two apart');
  await connect(page, 'policy', 'https://gpu.example.org/v1');
  await expect(error).toContainText('TTC_CONNECT_SRC="https://gpu.example.org" npm run build');
  // Nothing was chosen: the policy is still the built-in.
  expect(page.url()).not.toContain('remote=');
});

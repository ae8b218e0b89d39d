import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runEnds, watchErrors } from './helpers';

const URL = '/?levels=2&problems=2&n=4&k=4&backend=wasm&s=majority,bon';

/** Every legend row's accuracy at the current budget. */
const legend = (page: import('@playwright/test').Page) =>
  page
    .locator('[data-testid^="legend-"]')
    .evaluateAll((rows) => rows.map((r) => [r.dataset.testid, r.dataset.accuracy]));

test('a reload shows the pool from IndexedDB without inference; clearing storage draws again', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(URL);
  await runEnds(page, 'done');
  const bar = page.getByTestId('run-bar');
  expect(Number(await bar.getAttribute('data-inference-calls'))).toBeGreaterThan(0);
  await expect(page.getByTestId('storage-usage')).toContainText('Stored: 1 pool');
  const before = await legend(page);
  expect(before.length).toBeGreaterThan(1);

  await page.reload();
  await runEnds(page, 'done');
  await expect(bar).toHaveAttribute('data-restored', 'true');
  await expect(bar).toHaveAttribute('data-inference-calls', '0');
  await expect(page.getByTestId('run-summary')).toContainText('no inference');
  await expect.poll(() => legend(page)).toEqual(before);

  await page.getByTestId('storage-clear').click();
  await expect(page.getByTestId('storage-usage')).toContainText('Stored: 0 pools');
  await page.reload();
  await runEnds(page, 'done');
  await expect(bar).toHaveAttribute('data-restored', 'false');
  expect(Number(await bar.getAttribute('data-inference-calls'))).toBeGreaterThan(0);
  expect(await legend(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('a copied link reopens the same experiment in a fresh browser, and says when its models differ', async ({
  page,
  browser,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?levels=2&problems=2&n=4&k=4&backend=wasm&s=majority');
  await runEnds(page, 'done');
  // Built through the UI: a strategy switched on, the budget moved down.
  await page.getByTestId('strategy-bon').check();
  await page.getByTestId('budget').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('budget-value')).toHaveText('k = 2');
  const shown = await legend(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/[?&]s=majority,bon\b/);
  expect(link).toMatch(/&mh=arith-policy:[0-9a-f]{12},arith-verifier:[0-9a-f]{12}&rb=wasm$/);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors = watchErrors(other);
  await other.goto(link);
  await runEnds(other, 'done');
  await expect(other.getByTestId('budget-value')).toHaveText('k = 2');
  await expect(other.getByTestId('strategy-bon')).toBeChecked();
  await expect.poll(() => legend(other)).toEqual(shown);
  await expect(other.getByTestId('link-messages')).toHaveCount(0);

  // The same link naming another policy file: the page says so once the pool is drawn.
  await other.goto(link.replace(/arith-policy:[0-9a-f]{12}/, 'arith-policy:000000000000'));
  await runEnds(other, 'done');
  await expect(other.getByTestId('link-messages')).toContainText('a different model');
  expect(errors).toEqual([]);
  await fresh.close();
});

test('an exported bundle, opened in a fresh browser with nothing stored, shows identical figures without inference', async ({
  page,
  browser,
}) => {
  await page.goto('/?levels=2&problems=2&n=4&k=4&backend=wasm&s=majority,bon&tc=beam');
  await runEnds(page, 'done');
  await expect(page.getByTestId('tree-curves-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('legend-tree:beam')).toBeVisible();
  const shown = await legend(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-bundle').click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'ttc-bundle-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(file).toMatch(/-bundle\.json$/);
  await page.getByTestId('storage-clear').click();
  await expect(page.getByTestId('storage-usage')).toContainText('Stored: 0 pools');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors = watchErrors(other);
  // A link naming a pool skips the first-visit run: the page waits for the file.
  await other.goto('/?pool=/none.json');
  await other.getByTestId('pool-file').setInputFiles(file);
  await expect(other.getByTestId('run-summary')).toContainText('Imported pool');
  await expect(other.getByTestId('tree-curves-done')).toContainText('bundle.json');
  await expect.poll(() => legend(other)).toEqual(shown);
  await expect(other.getByTestId('run-bar')).toHaveAttribute('data-inference-calls', '0');
  expect(errors.filter((e) => !/none\.json|404/.test(e))).toEqual([]);
  await fresh.close();
});

test('storage full: the oldest result is evicted to keep the new one, the user is told, and the run is shown', async ({
  page,
}) => {
  test.setTimeout(240_000); // six page loads, each loading the models
  const errors = watchErrors(page);
  const link = (seed: number) => `${URL}&seed=${seed}`;
  // Set before the page's scripts run, on the links that should meet a full disk (seeds 3 and 4).
  await page.addInitScript(() => {
    if (/[?&]seed=[34]\b/.test(location.search))
      (globalThis as { __TTC_TEST__?: object }).__TTC_TEST__ = { failStorageWrites: 1 };
  });
  for (const seed of [1, 2]) {
    await page.goto(link(seed));
    await runEnds(page, 'done');
  }
  await expect(page.getByTestId('storage-usage')).toContainText('Stored: 2 pools');
  // The next write fails as on a full disk; the store evicts the oldest pool (seed 1) and retries.
  await page.goto(link(3));
  await runEnds(page, 'done');
  await expect(page.getByTestId('link-messages')).toContainText(
    "This browser's storage was full: 1 older result was removed to keep this pool.",
  );
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '2');
  const shown = await legend(page);
  expect(shown.length).toBeGreaterThan(1);
  await expect(page.getByTestId('storage-usage')).toContainText('Stored: 2 pools');
  // Kept: seed 3 (the new one) and seed 2 come back from storage; seed 1 is drawn again.
  for (const [seed, restored] of [
    [3, 'true'],
    [2, 'true'],
    [1, 'false'],
  ] as const) {
    await page.goto(link(seed));
    await runEnds(page, 'done');
    await expect(page.getByTestId('run-bar')).toHaveAttribute('data-restored', restored);
  }
  // Full with nothing left to evict: shown, not kept, and said so.
  await expect(page.getByTestId('storage-usage')).toContainText('Stored: 3 pools');
  await page.getByTestId('storage-clear').click();
  await expect(page.getByTestId('storage-usage')).toContainText('Stored: 0 pools');
  await page.goto(link(4));
  await runEnds(page, 'done');
  await expect(page.getByTestId('link-messages')).toContainText(
    "This browser's storage is full: this pool is shown but not kept for the next visit.",
  );
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '2');
  expect(errors).toEqual([]);
});

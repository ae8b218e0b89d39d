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

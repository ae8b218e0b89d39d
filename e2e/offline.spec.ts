import { expect, test } from '@playwright/test';
import { runEnds, watchErrors } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('after one visit the app, its runtime and the built-in models work with no network', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/?levels=1&problems=1&n=2&k=2&backend=wasm&s=majority');
  await runEnds(page, 'done');
  // Installed (everything cached) once it is active.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await context.setOffline(true);
  // Another seed: nothing stored for it, so the page must load the models and sample offline.
  await page.goto('/?levels=1&problems=1&n=2&k=2&backend=wasm&s=majority&seed=7');
  await runEnds(page, 'done');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '1');
  await expect(page.getByTestId('run-bar')).not.toHaveAttribute('data-inference-calls', '0');
  // Served by the service worker, the page is cross-origin isolated too.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(errors).toEqual([]);
  await context.setOffline(false);
});

/**
 * Takes the README screenshot of the built app: `npm run build && npm run screenshot`: the default
 * experiment (30 problems × 64 samples, strong verifier) run live on WASM, one answer bar opened.
 * Prints how long the run took (the default must finish in about a minute on a 2-core laptop).
 */
import { withPreviewPage } from './chromium';

await withPreviewPage(
  4179,
  '/?backend=wasm',
  async (page) => {
    const started = Date.now();
    await page
      .getByTestId('run-bar')
      .and(page.locator('[data-status="done"]'))
      .waitFor({ timeout: 600_000 });
    console.log(`default experiment: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await page.getByTestId('vote-bar').first().click();
    await page.getByTestId('sample').first().click();
    await page.waitForTimeout(300); // let the chart settle its layout before the picture
    await page.screenshot({ path: 'docs/screenshot.png' });
  },
  { width: 1600, height: 900 },
);
console.log('wrote docs/screenshot.png');

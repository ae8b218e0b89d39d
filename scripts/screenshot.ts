/**
 * Takes the README screenshots of the built app: `npm run build && npm run screenshot`: the default
 * experiment (30 problems × 64 samples, strong verifier) run live on WASM, one answer bar opened;
 * then the tree-search tab.
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

// The tree view: beam search N = 16 on a level-2 problem with the strong verifier, played to the end.
await withPreviewPage(
  4180,
  '/?levels=2&problems=3&n=8&k=8&backend=wasm&tree=beam&tn=16',
  async (page) => {
    await page.getByTestId('tab-search').click();
    await page.getByTestId('run-search').click();
    await page.getByTestId('tree-end').click({ timeout: 120_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'docs/search.png' });
  },
  { width: 1600, height: 900 },
);
console.log('wrote docs/search.png');

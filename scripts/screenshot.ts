/**
 * Takes the README screenshot of the built app: `npm run build && npm run screenshot`: the policy's
 * greedy answer and 16 samples drawn as one batch on WASM.
 */
import { withPreviewPage } from './chromium';

await withPreviewPage(4179, '/', async (page) => {
  await page
    .getByTestId('backend-badge')
    .and(page.locator(':not([data-backend="pending"])'))
    .waitFor();
  await page.getByTestId('greedy-completion').waitFor({ timeout: 60_000 });
  await page.getByTestId('sample-backend').selectOption('wasm');
  await page.getByTestId('draw-samples').click();
  await page.getByTestId('sample-summary').waitFor({ timeout: 120_000 });
  await page.screenshot({ path: 'docs/screenshot.png' });
});
console.log('wrote docs/screenshot.png');

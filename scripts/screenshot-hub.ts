/**
 * The README's hub screenshot: `npm run build:test && npm run screenshot:hub`. A hub-format model —
 * the generated Qwen3-architecture test model (random weights, the real Qwen3 tokenizer), served by
 * the local stand-in hub on the ports the test build's CSP allows — typed into the picker, downloaded
 * with progress per file, and sampled on the math task on WASM. Random weights write noise, and the
 * picture shows exactly that: what is real here is the path (hub layout, cache, batched sampling).
 */
import { startStandInHub } from './hubStandIn';
import { withPreviewPage } from './chromium';
import { hubTestModel } from '../src/runtime/testing/hubTestModel';

const tm = hubTestModel('plain', ['q4'], ['--max-positions', '256']);
const hub = await startStandInHub(tm.root, 4190, 4191);
try {
  await withPreviewPage(
    4181,
    '/?task=math&seed=3&problems=4&n=8&k=8&maxtok=32&verifier=policy-confidence&s=majority,bon,confidence-mean&backend=wasm',
    async (page) => {
      await page.evaluate((host) => localStorage.setItem('ttc-hub-host', host), hub.url);
      await page.getByTestId('policy').selectOption('__other__');
      await page.getByTestId('hub-model-id').fill(tm.model);
      await page.getByTestId('hub-model-use').click();
      await page.getByTestId('run').click();
      await page
        .getByTestId('run-bar')
        .and(page.locator('[data-status="done"]'))
        .waitFor({ timeout: 600_000 });
      await page.getByTestId('vote-bar').first().click();
      await page.getByTestId('sample').first().click();
      await page.waitForTimeout(300); // let the chart settle its layout before the picture
      await page.screenshot({ path: 'docs/hub.png' });
    },
    { width: 1600, height: 1000 },
    'e2e',
  );
} finally {
  await hub.close();
}
console.log('wrote docs/hub.png');

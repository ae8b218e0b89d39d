/**
 * Takes the README screenshot of the built app: `npm run build && npm run screenshot`.
 * Serves dist/ with `vite preview` and drives Debian's Chromium (CHROMIUM_PATH overrides).
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const port = 4179;
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  { stdio: 'ignore' },
);
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--enable-features=Vulkan',
      '--use-vulkan=swiftshader',
      '--use-webgpu-adapter=swiftshader',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/`);
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page
    .getByTestId('backend-badge')
    .and(page.locator(':not([data-backend="pending"])'))
    .waitFor();
  // Show the models at work: the greedy answer, then 16 samples drawn as one batch on WASM.
  await page.getByTestId('greedy-completion').waitFor({ timeout: 60_000 });
  await page.getByTestId('sample-backend').selectOption('wasm');
  await page.getByTestId('draw-samples').click();
  await page.getByTestId('sample-summary').waitFor({ timeout: 120_000 });
  await page.screenshot({ path: 'docs/screenshot.png' });
  await browser.close();
  console.log('wrote docs/screenshot.png');
} finally {
  server.kill();
}

/**
 * The browser half of `npm run bench`: serves the build with `vite preview`, opens /bench.html in
 * headless Chromium (CHROMIUM_PATH overrides /usr/bin/chromium) and prints its JSON. WASM by default;
 * BENCH_BACKEND=webgpu runs a short WebGPU smoke (SwiftShader on a CPU is ~80× slower than WASM).
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const port = 4178;
const backend = process.env.BENCH_BACKEND ?? 'wasm';
const n = process.env.BENCH_N ?? (backend === 'webgpu' ? '1,2' : '1,8,32,64,128');
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
  const page = await browser.newPage();
  for (let i = 0; ; i++) {
    try {
      await page.goto(
        `http://127.0.0.1:${port}/bench.html?backend=${backend}&n=${n}&loopMax=${backend === 'webgpu' ? 2 : 32}`,
      );
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page.waitForFunction(
    () => (window as { __BENCH__?: unknown }).__BENCH__ !== undefined,
    undefined,
    { timeout: 600_000 },
  );
  console.log(
    JSON.stringify(
      await page.evaluate(() => (window as { __BENCH__?: unknown }).__BENCH__),
      null,
      2,
    ),
  );
  await browser.close();
} finally {
  server.kill();
}

/**
 * Debian's Chromium for scripts and tests (CHROMIUM_PATH overrides), with the flags measured to work
 * here: WebGPU through SwiftShader on the CPU, and no background network traffic.
 */
import { spawn } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Serves dist/ with `vite preview` on `port`, opens `path` in headless Chromium, runs `use`, cleans up. */
export async function withPreviewPage<T>(
  port: number,
  path: string,
  use: (page: Page, browser: Browser) => Promise<T>,
  viewport = { width: 1280, height: 720 },
  /** `e2e`: the test build (dist-e2e/), whose CSP also allows the stand-in hub. */
  mode?: 'e2e',
): Promise<T> {
  // Vite itself, not through npx: killing npx left the server running (and a later run on the same
  // port would have been served by it, whatever it was serving).
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
      ...(mode ? ['--mode', mode] : []),
    ],
    { stdio: 'ignore' },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport });
    // The server needs a moment to bind: retry the first navigation until it answers.
    for (let i = 0; ; i++) {
      try {
        await page.goto(`http://127.0.0.1:${port}${path}`);
        break;
      } catch (e) {
        if (i > 50) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return await use(page, browser);
  } finally {
    await browser.close();
    server.kill();
  }
}

/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import {
  connectOrigins,
  contentSecurityPolicy,
  contentSecurityPolicyMeta,
  devContentSecurityPolicy,
  TEST_HUB_ORIGINS,
} from './scripts/csp.ts';
import { serviceWorker } from './scripts/serviceWorker.ts';
import { modelFiles404 } from './scripts/vitePlugins.ts';

/**
 * Cross-origin isolation (COOP/COEP) in dev and preview, so ONNX Runtime's multi-threaded WASM can use
 * SharedArrayBuffer. Static hosts that cannot set headers are covered in the README.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Modes: `production` (`npm run build`, `dist/`), and `e2e` (`npm run build:test`, `dist-e2e/`): the
 * same app plus the test hooks the e2e suite drives (`src/runtime/testBuild.ts`), which the
 * production build must not contain (`scripts/check-build.mjs`).
 */
export default defineConfig(({ mode }) => {
  // The test build may also reach the stand-in hub (every policy the build sends reads this).
  if (mode === 'e2e')
    process.env.TTC_CONNECT_SRC = [process.env.TTC_CONNECT_SRC ?? '', ...TEST_HUB_ORIGINS]
      .join(' ')
      .trim();
  return {
    plugins: [react(), modelFiles404(), contentSecurityPolicyMeta(), serviceWorker()],
    define: {
      __TTC_TEST_BUILD__: JSON.stringify(mode === 'e2e'),
      // The page refuses a server its CSP would block, with a message that says how to allow it.
      __TTC_CONNECT_ORIGINS__: JSON.stringify(connectOrigins()),
    },
    // In the browser every import of ORT uses its WebGPU build (which also runs WASM), the one
    // transformers.js uses: one copy of the runtime. Node (tests, CLI) keeps ORT's Node build.
    resolve:
      mode === 'test'
        ? {}
        : { alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/webgpu' }] },
    // The policy as a header too: workers are governed by their own script's headers, not the page's.
    server: { headers: { ...isolation, 'Content-Security-Policy': devContentSecurityPolicy() } },
    preview: {
      headers: { ...isolation, 'Content-Security-Policy': contentSecurityPolicy() },
      port: 4173,
      strictPort: true,
    },
    worker: { format: 'es' },
    build: {
      outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
      target: 'es2022',
      sourcemap: true,
      // Fonts (KaTeX's) stay files: the CSP's font-src is 'self', which a data: URL is not.
      assetsInlineLimit: (file: string) =>
        /\.(woff2?|ttf|otf|eot)$/.test(file) ? false : undefined,
      // bench.html: the in-browser half of `npm run bench`, also usable by hand.
      rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    },
    test: {
      include: ['src/**/*.test.ts', 'cli/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
    },
  };
});

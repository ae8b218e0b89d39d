/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './scripts/csp.ts';
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

export default defineConfig(({ mode }) => ({
  plugins: [react(), modelFiles404(), contentSecurityPolicy(), serviceWorker()],
  // In the browser every import of ORT uses its WebGPU build (which also runs WASM), the one
  // transformers.js uses: one copy of the runtime. Node (tests, CLI) keeps ORT's Node build.
  resolve:
    mode === 'test'
      ? {}
      : { alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/webgpu' }] },
  server: { headers: isolation },
  preview: { headers: isolation, port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // bench.html: the in-browser half of `npm run bench`, also usable by hand.
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  test: {
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
}));

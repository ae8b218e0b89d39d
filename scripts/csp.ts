/**
 * The built app's Content Security Policy, as a <meta> tag so it travels with the files to any static
 * host. Only what the app needs:
 * - script-src 'self' 'wasm-unsafe-eval': ONNX Runtime compiles its WebAssembly (no 'unsafe-eval': the
 *   engine's JSON Schema validator interprets the schema instead of generating code, see docs).
 * - worker-src 'self': every worker is a same-origin module file (ORT runs single-threaded in them).
 * - connect-src 'self' blob: data:: models, ORT's .wasm and pool files from this origin only.
 * - style-src 'self' 'unsafe-inline': recharts and React write style attributes.
 * Dev (`npm start`) is left without it: Vite's HMR injects inline scripts.
 */
import type { Plugin } from 'vite';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'ttc-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

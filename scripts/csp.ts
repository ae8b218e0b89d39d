/**
 * The app's Content Security Policy, one definition for every place that sends it:
 * - the built page's `<meta>` tag (travels with the files to any static host; governs the page);
 * - an HTTP header from the dev and preview servers, and from the service worker for every response
 *   it serves. Workers get their policy from their own script's response, never from the page's
 *   meta tag, so a host must send the header too (README, "Deploying").
 *
 * Only what the app needs:
 * - script-src 'self' 'wasm-unsafe-eval': ONNX Runtime compiles its WebAssembly (no 'unsafe-eval':
 *   the JSON Schema validator interprets schemas instead of generating code).
 * - worker-src 'self': every worker is a same-origin module file.
 * - connect-src: this origin (models, ORT's .wasm, pool files), blob: and data:, plus exactly the
 *   origins in `CONNECT_ORIGINS`, servers on this machine (`LOOPBACK_ORIGINS`: `ttc serve`, a local
 *   vLLM) and a deployer's `TTC_CONNECT_SRC` (space-separated origins, read at build time). Later
 *   features add theirs to the one list here; the app reads the same list (`connectOrigins`) to
 *   refuse a server outside it with a message instead of a CSP violation.
 * - style-src 'self' 'unsafe-inline': recharts and React write style attributes.
 */
import type { Plugin } from 'vite';

/**
 * Origins beyond this one the app may fetch from: the Hugging Face Hub (configs, tokenizers, small
 * files, and the sizes and commits of the rest) and the CDN hosts it redirects weight files to —
 * regional `*.cdn.hf.co` since its Xet migration, `cas-bridge.xethub.hf.co` before. CSP applies to
 * redirect targets, so without them every cold-cache download dies mid-redirect. The built-in models
 * stay same-origin and work offline.
 */
export const CONNECT_ORIGINS: readonly string[] = [
  'https://huggingface.co',
  'https://*.cdn.hf.co',
  'https://cas-bridge.xethub.hf.co',
];

/**
 * Remote inference servers on this machine, any port: a runtime-chosen server cannot be named in a
 * build-time policy, so loopback is allowed by default and other servers are a deployer's to add
 * (`TTC_CONNECT_SRC`). CSP host sources cannot name IPv6 literals, so [::1] is not among them.
 */
export const LOOPBACK_ORIGINS: readonly string[] = ['http://127.0.0.1:*', 'http://localhost:*'];

/** The test build's stand-in hub and its CDN (e2e/hubPage.spec.ts starts them on these ports). */
export const TEST_HUB_ORIGINS: readonly string[] = [
  'http://127.0.0.1:4190',
  'http://127.0.0.1:4191',
];

/** `https://host[:port]` or `http://…` only: a path, a wildcard or a keyword is refused. */
function origins(extra: string | undefined): string[] {
  const list = (extra ?? '').split(/\s+/).filter(Boolean);
  for (const o of list) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o;
    } catch {
      // not a URL
    }
    if (!ok) throw new Error(`TTC_CONNECT_SRC: "${o}" is not an origin like https://host:port`);
  }
  return list;
}

/** Every origin beyond this one the page may fetch from (the app's copy of connect-src). */
export function connectOrigins(extra = process.env.TTC_CONNECT_SRC): string[] {
  return [...CONNECT_ORIGINS, ...LOOPBACK_ORIGINS, ...origins(extra)];
}

export function connectSrc(extra = process.env.TTC_CONNECT_SRC): string {
  return ["'self'", 'blob:', 'data:', ...connectOrigins(extra)].join(' ');
}

export function contentSecurityPolicy(extra?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    `connect-src ${connectSrc(extra)}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The dev server's variant: Vite's hot reload needs an inline script (React's refresh preamble) and
 * a WebSocket back to the dev server; nothing else is relaxed.
 */
export function devContentSecurityPolicy(): string {
  return contentSecurityPolicy()
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace(/connect-src ([^;]*)/, 'connect-src $1 ws: wss:');
}

/** The build's `<meta>` tag (same policy as the header). */
export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'ttc-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

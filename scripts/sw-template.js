/* The app's service worker (written into dist/ by scripts/serviceWorker.ts at build time).
 * - Offline: the app, ONNX Runtime's files and the built-in models are cached at install, so a talk
 *   works with no network after one visit. Pages are network-first (falling back to the cached app),
 *   everything else cache-first; a new build gets a new cache and the old one is dropped.
 * - Cross-origin isolation on any static host: every response it serves carries COOP/COEP, which
 *   multi-threaded WASM needs, even where the host cannot set headers (from the second load on).
 * - The Content Security Policy as a header on every response it serves: the page's <meta> tag does
 *   not reach workers, whose policy comes from their own script's response. */
const VERSION = '__VERSION__';
const CSP = /* __CSP__ */ '';
const PRECACHE = /* __PRECACHE__ */ [];
const CACHE = `ttc-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('ttc-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function isolated(response) {
  if (!response || response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  headers.set('Content-Security-Policy', CSP);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (request.mode === 'navigate') {
        try {
          return isolated(await fetch(request));
        } catch {
          const page = await cache.match('/index.html', { ignoreVary: true });
          return page ? isolated(page) : Response.error();
        }
      }
      // ignoreVary: a module script's request carries Origin; the precached one did not.
      const hit = await cache.match(request, { ignoreVary: true });
      return isolated(hit ?? (await fetch(request)));
    })(),
  );
});

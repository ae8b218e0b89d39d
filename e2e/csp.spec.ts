import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { runEnds } from './helpers';

type Probe = { workerFetch(url: string): Promise<string> };
const probe = (page: import('@playwright/test').Page, url: string) =>
  page.evaluate(
    (u) => (globalThis as unknown as { __TTC_PROBE__: Probe }).__TTC_PROBE__.workerFetch(u),
    url,
  );

/**
 * A second local origin that answers anything, CORS and CORP open, counting the requests it gets. It
 * listens on 127.0.0.2: loopback, but not among the loopback origins connect-src names
 * (127.0.0.1 and localhost, for remote inference servers).
 */
async function otherOrigin(): Promise<{ url: string; hits: () => number; close: () => void }> {
  let hits = 0;
  const server: Server = createServer((_, res) => {
    hits++;
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Type': 'text/plain',
    });
    res.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.2:${port}/probe`, hits: () => hits, close: () => server.close() };
}

test('workers run under the CSP: outside connect-src a fetch never leaves, same-origin works', async ({
  page,
}) => {
  const other = await otherOrigin();
  const workerScript = page.waitForResponse((r) => /policy\.worker-[\w-]+\.js$/.test(r.url()));
  await page.goto('/?levels=1&problems=1&n=1&k=1&backend=wasm&verifier=none&s=majority');
  await runEnds(page, 'done');
  // The worker's script carries the policy itself: a page's <meta> CSP does not reach workers.
  const csp = (await workerScript).headers()['content-security-policy'] ?? '';
  expect(csp).toContain("connect-src 'self' blob: data:");

  expect(await probe(page, '/models/arith-policy/config.json')).toBe('ok 200');
  expect(await probe(page, other.url)).toMatch(/^failed: /);
  // Blocked by the policy, before any request: a CORS refusal would have reached the server.
  expect(other.hits()).toBe(0);
  // The origin itself answers (the refusal was the page's policy, not a dead server).
  expect(await (await fetch(other.url)).text()).toBe('reached');
  expect(other.hits()).toBe(1);
  other.close();
});

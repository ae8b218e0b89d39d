/**
 * Remote servers as the experiment names them: an OpenAI-compatible base URL (with `/v1`), checked
 * before anything is sent.
 */
import { connectAllowed } from '../../runtime/connectOrigins';
import type { Experiment } from '../experiment/settings';

export const MAX_SERVER_URL = 300;

export const SERVER_URL_ERROR =
  'expected a server’s OpenAI base URL, like http://127.0.0.1:8000/v1 (no key, query or fragment)';

/** http(s)://host[:port]/path, without credentials, query or fragment. */
export function isServerUrl(raw: string): boolean {
  if (raw.length > MAX_SERVER_URL) return false;
  try {
    const u = new URL(raw);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      !u.username &&
      !u.password &&
      !u.search &&
      !u.hash &&
      raw === `${u.origin}${u.pathname}`
    );
  } catch {
    return false;
  }
}

/** A served model's name (vLLM's `--served-model-name` can be any of these). */
export const isServedName = (raw: string): boolean => /^[\w][\w.\-/:]{0,199}$/.test(raw);

/** The remote verifier's server: its own, or the policy's. */
export const verifierServer = (e: Pick<Experiment, 'verifierServer' | 'remote'>): string | null =>
  e.verifierServer ?? e.remote;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why the page cannot call the server at `url` at all, or null: mixed content (an https page and an
 * http server other than this machine's), or a server this build's CSP does not list.
 */
export function serverRefusal(
  url: string,
  page: { origin: string; protocol: string },
): string | null {
  if (!isServerUrl(url))
    return 'A server is named by its OpenAI base URL, like http://127.0.0.1:8000/v1 (no key, query or fragment).';
  const u = new URL(url);
  if (page.protocol === 'https:' && u.protocol === 'http:' && !LOOPBACK.has(u.hostname))
    return `This page is served over https, and browsers block its requests to http:// servers other than this machine (mixed content). Serve ${u.host} over https (e.g. behind a TLS proxy), or open the playground over http.`;
  if (!connectAllowed(u.origin, page.origin))
    return `This build's Content Security Policy lets the page reach servers on this machine (127.0.0.1, localhost) and the origins named when it was built; ${u.origin} is not one. Build with TTC_CONNECT_SRC="${u.origin}" npm run build to allow it (README, Deploying).`;
  return null;
}

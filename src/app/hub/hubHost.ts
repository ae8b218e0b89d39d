/**
 * Where hub models download from: this browser's own setting (default the Hugging Face Hub), never
 * a link's — a shared link must not be able to point downloads at another server. The page's CSP
 * (`scripts/csp.ts`) allows the default hub and its file CDN; another host works where a deployer
 * added it to `TTC_CONNECT_SRC`.
 */
export const DEFAULT_HUB_HOST = 'https://huggingface.co';
const STORAGE_KEY = 'ttc-hub-host';

/** The origin of `text` (`https://host[:port]`), or why it is not one. */
export function parseHubHost(text: string): { host: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return { error: `"${text.slice(0, 60)}" is not a URL like https://huggingface.co` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { error: 'the hub host must be an http(s) URL' };
  if (u.pathname !== '/' || u.search || u.hash || u.username)
    return { error: 'the hub host is an origin only (no path, query or credentials)' };
  return { host: u.origin };
}

export function hubHost(): string {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    const p = stored ? parseHubHost(stored) : null;
    return p && 'host' in p ? p.host : DEFAULT_HUB_HOST;
  } catch {
    return DEFAULT_HUB_HOST; // storage disabled
  }
}

/** Saves the setting; returns the error instead when `text` is not an origin. */
export function setHubHost(text: string): string | null {
  const p = parseHubHost(text);
  if ('error' in p) return p.error;
  try {
    if (p.host === DEFAULT_HUB_HOST) globalThis.localStorage?.removeItem(STORAGE_KEY);
    else globalThis.localStorage?.setItem(STORAGE_KEY, p.host);
  } catch {
    return 'this browser does not allow storing settings';
  }
  return null;
}

/**
 * Remote servers' API keys: in this tab's memory only, by server origin. Never in the store (which
 * persists and exports), the link, IndexedDB or a message; a key goes to a worker as a call argument
 * beside the spec it unlocks, and a reload forgets it.
 */
import type { SearchKeys } from '../../runtime/searchApi';
import type { Experiment } from '../experiment/settings';
import { verifierServer } from './serverUrl';

const keys = new Map<string, string>();
let version = 0;

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** Sets (or, with '', forgets) the key for the server at `url`. */
export function setApiKey(url: string, key: string): void {
  const origin = originOf(url);
  if (!origin) return;
  if (key) keys.set(origin, key);
  else keys.delete(origin);
  version++;
}

export const apiKeyFor = (url: string): string | undefined => {
  const origin = originOf(url);
  return origin ? keys.get(origin) : undefined;
};

export const hasApiKey = (url: string): boolean => apiKeyFor(url) !== undefined;

/** Changes whenever a key does: a worker that loaded with the old key connects again. */
export const apiKeyVersion = (): number => version;

/** The keys a search's models need. */
export function searchKeys(e: Experiment): SearchKeys {
  const out: SearchKeys = {};
  const p = e.remote && apiKeyFor(e.remote);
  if (p) out.policy = p;
  const vs = e.verifier === 'remote' ? verifierServer(e) : null;
  const v = vs && apiKeyFor(vs);
  if (v) out.verifier = v;
  return out;
}

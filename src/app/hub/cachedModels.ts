/**
 * The hub models this browser holds: transformers.js's cache (`transformers-cache`, which the
 * policy worker fills), grouped by host and model from the keys' resolve URLs, with their sizes;
 * deleting one removes every file of it.
 */
import { HUB_CACHE_NAME } from '../../runtime/hub/fileCache';

export interface CachedModel {
  host: string;
  model: string;
  revisions: string[];
  files: number;
  bytes: number;
}

const KEY = /^(https?:\/\/[^/]+)\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/;

async function open(): Promise<Cache | null> {
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(HUB_CACHE_NAME);
  } catch {
    return null;
  }
}

export async function cachedModels(): Promise<CachedModel[]> {
  const cache = await open();
  if (!cache) return [];
  const byModel = new Map<string, CachedModel>();
  for (const req of await cache.keys()) {
    const m = KEY.exec(req.url);
    if (!m) continue;
    const [, host, model, revision] = m as unknown as [string, string, string, string];
    const id = `${host} ${model}`;
    const entry = byModel.get(id) ?? { host, model, revisions: [], files: 0, bytes: 0 };
    const rev = decodeURIComponent(revision);
    if (!entry.revisions.includes(rev)) entry.revisions.push(rev);
    const res = await cache.match(req);
    entry.files++;
    entry.bytes += Number(res?.headers.get('content-length')) || 0;
    byModel.set(id, entry);
  }
  return [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model));
}

export async function deleteCachedModel(host: string, model: string): Promise<void> {
  const cache = await open();
  if (!cache) return;
  const prefix = `${host}/${model}/resolve/`;
  await Promise.all(
    (await cache.keys()).filter((r) => r.url.startsWith(prefix)).map((r) => cache.delete(r)),
  );
}

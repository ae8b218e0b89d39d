/**
 * Where downloaded hub files are kept: the Cache Storage cache transformers.js reads
 * (`transformers-cache`), under the key it uses — the file's resolve URL with the revision as asked
 * (`{host}/{model}/resolve/main/onnx/model_q4f16.onnx`) — so a model fetched here is found there and
 * the other way round. A file is put only once it has arrived whole and checked, so the cache never
 * holds a partial or corrupt file and Retry fetches only what is missing.
 */

/** transformers.js's cache name (`env.cacheKey`, utils/hub.js). */
export const HUB_CACHE_NAME = 'transformers-cache';

export interface CachedFile {
  bytes: Uint8Array;
  /** The commit header stored with the file (config.json's pins the model's revision). */
  commit: string | null;
}

export interface FileCache {
  match(key: string): Promise<CachedFile | null>;
  put(key: string, bytes: Uint8Array, commit: string | null): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The browser's Cache Storage (pages and workers alike); null where there is none (Node, http:). */
export async function browserFileCache(): Promise<FileCache | null> {
  if (typeof caches === 'undefined') return null;
  let cache: Cache;
  try {
    cache = await caches.open(HUB_CACHE_NAME);
  } catch {
    return null; // e.g. storage disabled for this origin: downloads still work, they are just not kept
  }
  return {
    async match(key) {
      const res = await cache.match(key);
      if (!res) return null;
      return {
        bytes: new Uint8Array(await res.arrayBuffer()),
        commit: res.headers.get('x-repo-commit'),
      };
    },
    async put(key, bytes, commit) {
      const headers: Record<string, string> = {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(bytes.length),
      };
      if (commit) headers['X-Repo-Commit'] = commit;
      await cache.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, { headers }));
    },
    async delete(key) {
      await cache.delete(key);
    },
  };
}

/** An in-memory cache with the same contract (the CLI's runs, and tests in Node). */
export function memoryFileCache(): FileCache & { keys(): string[] } {
  const m = new Map<string, CachedFile>();
  return {
    match: async (key) => m.get(key) ?? null,
    put: async (key, bytes, commit) => void m.set(key, { bytes: bytes.slice(), commit }),
    delete: async (key) => void m.delete(key),
    keys: () => [...m.keys()],
  };
}

/**
 * This browser's store of pools and search runs (IndexedDB), keyed by everything that determines
 * them, so reopening a link or reloading shows results without inference. Every call fails soft:
 * without IndexedDB (private windows, old browsers) nothing is stored and the page computes as
 * usual. When the quota is hit the oldest records go first and the caller is told how many.
 */
import { testHooks } from '../testHooks';

const DB = 'ttc-playground';
const VERSION = 1;
export type StoreName = 'pools' | 'searches';

export interface Stored<T> {
  key: string;
  savedAt: number;
  value: T;
}

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      for (const name of ['pools', 'searches'] as const)
        if (!req.result.objectStoreNames.contains(name))
          req.result.createObjectStore(name, { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return opening;
}

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

export async function load<T>(store: StoreName, key: string): Promise<T | null> {
  try {
    const db = await open();
    if (!db) return null;
    const rec = (await done(db.transaction(store).objectStore(store).get(key))) as
      Stored<T> | undefined;
    return rec?.value ?? null;
  } catch {
    return null;
  }
}

const isQuota = (e: unknown) =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);

/** Stores `value`; on a full quota evicts the oldest records (both stores) until it fits. */
export async function save<T>(
  store: StoreName,
  key: string,
  value: T,
): Promise<{ saved: boolean; evicted: number; full: boolean }> {
  const db = await open().catch(() => null);
  if (!db) return { saved: false, evicted: 0, full: false };
  let evicted = 0;
  for (;;) {
    try {
      const hooks = testHooks();
      if (hooks?.failStorageWrites) {
        hooks.failStorageWrites--;
        throw new DOMException('the test hook filled the storage', 'QuotaExceededError');
      }
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put({ key, savedAt: Date.now(), value } satisfies Stored<T>);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      return { saved: true, evicted, full: false };
    } catch (e) {
      if (!isQuota(e)) return { saved: false, evicted, full: false };
      if (!(await evictOldest(db))) return { saved: false, evicted, full: true };
      evicted++;
    }
  }
}

async function evictOldest(db: IDBDatabase): Promise<boolean> {
  let oldest: { store: StoreName; key: string; savedAt: number } | null = null;
  for (const store of ['pools', 'searches'] as const) {
    const cursor = await done(
      db.transaction(store).objectStore(store).index('savedAt').openCursor(),
    );
    const rec = cursor?.value as Stored<unknown> | undefined;
    if (rec && (!oldest || rec.savedAt < oldest.savedAt))
      oldest = { store, key: rec.key, savedAt: rec.savedAt };
  }
  if (!oldest) return false;
  await done(
    db.transaction(oldest.store, 'readwrite').objectStore(oldest.store).delete(oldest.key),
  );
  return true;
}

export interface Usage {
  pools: number;
  searches: number;
  /** Bytes this origin uses, when the browser says. */
  bytes: number | null;
}

export async function usage(): Promise<Usage> {
  const db = await open().catch(() => null);
  const count = async (store: StoreName) =>
    db ? await done(db.transaction(store).objectStore(store).count()).catch(() => 0) : 0;
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  return {
    pools: await count('pools'),
    searches: await count('searches'),
    bytes: estimate?.usage ?? null,
  };
}

export async function clearAll(): Promise<void> {
  const db = await open().catch(() => null);
  if (!db) return;
  for (const store of ['pools', 'searches'] as const)
    await done(db.transaction(store, 'readwrite').objectStore(store).clear()).catch(
      () => undefined,
    );
}

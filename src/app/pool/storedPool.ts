/**
 * What a pool run keeps in this browser (IndexedDB, under its `storedPoolKey`), and how a stored pool
 * is trusted again: its scores count only for the verifier files that computed them.
 */
import type { ModelRef } from '../../core/types';
import type { WorkingEntry } from './growPool';
import { save } from '../persist/db';

/** What a pool run keeps in IndexedDB under its `storedPoolKey`. */
export interface StoredPool {
  entries: (WorkingEntry | undefined)[];
  models: ModelRef[];
  parameters: Record<string, number>;
}

/** A stored verifier whose file is not the one loaded now (its scores are computed again). */
export const isStale = (m: ModelRef, loaded: readonly ModelRef[]) =>
  m.role === 'verifier' && loaded.some((x) => x.id === m.id && x.hash !== m.hash);

/** The stored entries, without the scores of verifiers whose files changed since. */
export function withoutStaleScores(
  stored: StoredPool,
  loaded: readonly ModelRef[],
): StoredPool['entries'] {
  const stale = stored.models.filter((m) => isStale(m, loaded)).map((m) => m.id);
  if (stale.length === 0) return stored.entries;
  return stored.entries.map(
    (entry) =>
      entry && {
        ...entry,
        samples: entry.samples.map((s) => ({
          ...s,
          scores: Object.fromEntries(Object.entries(s.scores).filter(([v]) => !stale.includes(v))),
        })),
      },
  );
}

/**
 * Keeps a run's pool for the next visit: what the user must be told, if anything — older results
 * evicted to make room, or the storage too full to keep it at all (the pool is still shown).
 */
export async function keepPool(key: string, pool: StoredPool): Promise<string | null> {
  const { saved, evicted, full } = await save<StoredPool>('pools', key, {
    entries: pool.entries,
    models: pool.models,
    parameters: pool.parameters,
  });
  const removed = `${evicted} older result${evicted > 1 ? 's were' : ' was'} removed`;
  if (saved && evicted > 0) return `This browser's storage was full: ${removed} to keep this pool.`;
  if (full)
    return `This browser's storage is full${evicted > 0 ? ` (${removed})` : ''}: this pool is shown but not kept for the next visit.`;
  return null;
}

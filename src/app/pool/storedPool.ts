/**
 * What a pool run keeps in this browser (IndexedDB, under its `storedPoolKey`), and how a stored pool
 * is trusted again: its scores count only for the verifier files that computed them.
 */
import type { ModelRef } from '../../core/types';
import type { WorkingEntry } from './growPool';

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

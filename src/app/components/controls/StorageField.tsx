import { useEffect, useState } from 'react';
import { clearAll, usage, type Usage } from '../../persist/db';
import { useAppStore } from '../../store';
import { CachedModels } from '../hub/CachedModels';

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** What this browser keeps (pools and search runs in IndexedDB, hub models), and a way to clear it. */
export function StorageField() {
  const status = useAppStore((s) => s.pool.status);
  const [u, setU] = useState<Usage | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void usage().then((x) => live && setU(x));
    return () => {
      live = false;
    };
  }, [status, version]);
  return (
    <fieldset data-testid="storage">
      <legend>This browser</legend>
      <p className="hint" data-testid="storage-usage">
        {u
          ? `Stored: ${u.pools} pool${u.pools === 1 ? '' : 's'}, ${u.searches} search run${u.searches === 1 ? '' : 's'}${u.bytes !== null ? ` (${mb(u.bytes)} used by this site)` : ''}. Reopening a link or reloading shows them without inference.`
          : 'Checking storage…'}
      </p>
      <button
        type="button"
        data-testid="storage-clear"
        disabled={!u || u.pools + u.searches === 0}
        onClick={() => void clearAll().then(() => setVersion((v) => v + 1))}
      >
        Clear stored results
      </button>
      <CachedModels />
    </fieldset>
  );
}

import { useEffect, useState } from 'react';
import { cachedModels, deleteCachedModel, type CachedModel } from '../../hub/cachedModels';
import { useAppStore } from '../../store';

/** The hub models this browser holds (under "This browser"), with their sizes, each deletable. */
export function CachedModels() {
  const status = useAppStore((s) => s.pool.status);
  const [models, setModels] = useState<CachedModel[] | null>(null);
  const [version, setVersion] = useState(0);

  // Read again after every run (a download adds files) and every deletion.
  useEffect(() => {
    let live = true;
    void cachedModels().then((m) => live && setModels(m));
    return () => {
      live = false;
    };
  }, [status, version]);

  if (!models) return null;
  return (
    <details className="cached-models" data-testid="cached-models">
      <summary>
        {models.length} hub model{models.length === 1 ? '' : 's'} stored,{' '}
        {(models.reduce((a, m) => a + m.bytes, 0) / 1e6).toFixed(1)} MB
      </summary>
      <ul>
        {models.map((m) => (
          <li key={`${m.host} ${m.model}`} data-testid="cached-model" data-model={m.model}>
            {m.model}{' '}
            <span className="meta">
              ({new URL(m.host).host}, {m.files} files, {(m.bytes / 1e6).toFixed(1)} MB)
            </span>{' '}
            <button
              type="button"
              data-testid="cached-model-delete"
              onClick={() =>
                void deleteCachedModel(m.host, m.model).then(() => setVersion((v) => v + 1))
              }
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

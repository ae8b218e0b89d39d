import { useAppStore } from '../../store';

const mb = (n: number) => (n / 1e6).toFixed(1);

/** The hub policy's files in this run: bytes arrived of each, or read from this browser's cache. */
export function DownloadList() {
  const download = useAppStore((s) => s.pool.download);
  if (!download || download.files.length === 0) return null;
  return (
    <ul className="downloads" data-testid="downloads" aria-label={`Files of ${download.model}`}>
      {download.files.map((f) => (
        <li
          key={f.path}
          data-testid="download-file"
          data-path={f.path}
          data-received={f.received}
          data-total={f.total ?? ''}
          data-cached={f.cached}
        >
          <span className="path">{f.path}</span>
          {f.cached ? (
            <span className="meta">in this browser, {mb(f.received)} MB</span>
          ) : (
            <>
              <span className="meta">
                {mb(f.received)}
                {f.total !== null ? ` / ${mb(f.total)}` : ''} MB
              </span>
              <progress max={f.total ?? undefined} value={f.received} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

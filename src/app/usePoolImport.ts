import { useEffect } from 'react';
import { MAX_POOL_BYTES, poolUrl } from './pool/importPool';
import { useAppStore } from './store';

/**
 * Pool files reach the page two ways: dropped anywhere on it, or named by the link (`?pool=/path.json`,
 * same origin only). Returns whether the link names one (then the first-visit run is skipped).
 */
export function linkedPool(): string | null {
  return new URLSearchParams(location.search).get('pool');
}

export function usePoolImport(): void {
  useEffect(() => {
    const { openPoolText, notify } = useAppStore.getState();
    const param = linkedPool();
    if (param !== null) {
      const url = poolUrl(param, location.origin);
      if (!url)
        notify(
          `Ignored pool=${JSON.stringify(param.slice(0, 80))}: only a path on this site can be opened.`,
        );
      else
        void fetch(url)
          .then(async (res) => {
            if (!res.ok) throw new Error(`${url.pathname} answered HTTP ${res.status}`);
            if (Number(res.headers.get('content-length') ?? 0) > MAX_POOL_BYTES)
              throw new Error(`${url.pathname} is too large`);
            openPoolText(await res.text(), url.pathname);
          })
          .catch((e: unknown) =>
            notify(`Could not open the linked pool: ${e instanceof Error ? e.message : String(e)}`),
          );
    }
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void file.text().then((text) => openPoolText(text, file.name));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}

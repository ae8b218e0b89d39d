import { useEffect } from 'react';
import { poolUrl } from '../pool/importPool';
import { useAppStore } from '../store';
import { initialSearch } from '../useUrlState';
import { MAX_DECK_BYTES } from './deck';

/** `?deck=/path/on/this/site.json` loads a deck (same origin only, like `?pool=`). */
export function useDeckLink(): void {
  useEffect(() => {
    const param = new URLSearchParams(initialSearch).get('deck');
    if (param === null) return;
    const { loadDeckText, notify } = useAppStore.getState();
    const url = poolUrl(param, location.origin);
    if (!url) {
      notify(
        `Ignored deck=${JSON.stringify(param.slice(0, 80))}: only a path on this site can be opened.`,
      );
      return;
    }
    void fetch(url)
      .then(async (res) => {
        if (!res.ok) throw new Error(`${url.pathname} answered HTTP ${res.status}`);
        const text = await res.text();
        if (text.length > MAX_DECK_BYTES) throw new Error(`${url.pathname} is larger than 1 MB`);
        loadDeckText(text, url.pathname);
      })
      .catch((e: unknown) =>
        notify(`Could not open the deck: ${e instanceof Error ? e.message : String(e)}`),
      );
  }, []);
}

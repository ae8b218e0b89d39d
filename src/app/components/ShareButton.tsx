import { provenanceQuery } from '../experiment/provenance';
import { useAppStore } from '../store';
import { useCopy } from './useCopy';

/**
 * Copies the link of the experiment on screen (the URL always carries it), plus what computed its
 * figures (engine version, model hashes, backend), so whoever opens it is told if theirs differ.
 */
export function ShareButton() {
  const { state, copy: copyText } = useCopy();
  const copy = () => {
    const { pool } = useAppStore.getState();
    const tail = provenanceQuery(pool.models, pool.backend);
    const link = `${location.origin}${location.pathname}${location.search ? `${location.search}&` : '?'}${tail}`;
    void copyText(link);
  };
  return (
    <button className="share" data-testid="copy-link" onClick={copy}>
      {state === 'copied'
        ? 'Link copied'
        : state === 'failed'
          ? 'Copy failed: use the address bar'
          : 'Copy link'}
    </button>
  );
}

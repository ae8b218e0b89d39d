import { useEffect } from 'react';
import { parseExperiment, serializeExperiment } from './experiment/urlCodec';
import { useAppStore } from './store';

/**
 * The experiment lives in the query string: read once at start (bad parts reported, defaults kept),
 * then every change is written back without a reload.
 */
export function useUrlState(): void {
  useEffect(() => {
    const { experiment, messages } = parseExperiment(location.search.slice(1));
    useAppStore.setState({ experiment, messages });
    const write = () => {
      const { experiment, pool } = useAppStore.getState();
      // A linked pool stays in the link while it is what the page shows.
      const linked = new URLSearchParams(location.search).get('pool');
      const keep =
        linked !== null && pool.imported === linked ? `pool=${encodeURIComponent(linked)}&` : '';
      const query = keep + serializeExperiment(experiment);
      if (location.search.slice(1) !== query) history.replaceState(null, '', `?${query}`);
    };
    if (new URLSearchParams(location.search).get('pool') === null) write();
    return useAppStore.subscribe((s, prev) => s.experiment !== prev.experiment && write());
  }, []);
}

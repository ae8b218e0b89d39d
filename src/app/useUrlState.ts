import { useEffect } from 'react';
import type { Experiment } from './experiment/settings';
import { hasProblems, restoreImportedProblems } from './experiment/problemSource';
import { parseProvenance } from './experiment/provenance';
import { parseExperiment, serializeExperiment } from './experiment/urlCodec';
import { useAppStore } from './store';

/** The query string the page was opened with (before the experiment is written back into it). */
export const initialSearch = typeof location === 'undefined' ? '' : location.search;

/** Settings a user moves continuously (slider, selection): they replace the history entry. */
const transient: readonly (keyof Experiment)[] = ['budget', 'problem'];

const onlyTransient = (a: Experiment, b: Experiment) =>
  (Object.keys(a) as (keyof Experiment)[]).every(
    (k) => transient.includes(k) || JSON.stringify(a[k]) === JSON.stringify(b[k]),
  );

/**
 * The experiment lives in the query string: read at start (bad parts reported, defaults kept), written
 * back on every change without a reload — a new history entry per experiment, so back and forward walk
 * through them — and read again when the user goes back or forward.
 */
export function useUrlState(): void {
  useEffect(() => {
    const { experiment, messages } = parseExperiment(location.search.slice(1));
    if (experiment.custom !== null) restoreImportedProblems(experiment.custom);
    if (!hasProblems(experiment)) {
      messages.push(
        `This link uses an imported problem set (${experiment.custom}) that a link cannot carry; generated problems are shown. Import the same JSONL file to see its figures.`,
      );
      experiment.custom = null;
    }
    const link = parseProvenance(location.search.slice(1));
    useAppStore.setState({
      experiment,
      messages: [...messages, ...link.messages],
      linkProvenance: link.provenance,
    });
    let restoring = false;
    const query = () => {
      const { experiment, pool } = useAppStore.getState();
      // A linked pool stays in the link while it is what the page shows.
      const linked = new URLSearchParams(location.search).get('pool');
      const keep =
        linked !== null && pool.imported === linked ? `pool=${encodeURIComponent(linked)}&` : '';
      // A deck named by the link stays in it, so a reload keeps the talk's slides.
      const deck = new URLSearchParams(initialSearch).get('deck');
      const deckPart = deck?.startsWith('/') ? `deck=${encodeURIComponent(deck)}&` : '';
      return deckPart + keep + serializeExperiment(experiment);
    };
    if (new URLSearchParams(location.search).get('pool') === null) {
      history.replaceState(null, '', `?${query()}`);
    }
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.experiment === prev.experiment || restoring) return;
      const q = query();
      if (location.search.slice(1) === q) return;
      if (onlyTransient(s.experiment, prev.experiment)) history.replaceState(null, '', `?${q}`);
      else history.pushState(null, '', `?${q}`);
    });
    const onPop = () => {
      restoring = true;
      try {
        useAppStore.getState().setExperiment(parseExperiment(location.search.slice(1)).experiment);
      } finally {
        restoring = false;
      }
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onPop);
    };
  }, []);
}

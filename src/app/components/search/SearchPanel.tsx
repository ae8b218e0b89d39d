import { useEffect, useMemo, useRef, useState } from 'react';
import {
  FINAL_SELECTIONS,
  TREE_STRATEGIES,
  type FinalSelection,
  type SearchResult,
  type TreeStrategyId,
} from '../../../core/search';
import { MAX_TREE_N, POLICIES } from '../../experiment/settings';
import { treePolicyApplies } from '../../search/searchSettings';
import { download } from '../../export/download';
import { roundStops } from '../../search/treeLayout';
import { resolveBackend, useAppStore } from '../../store';
import { TREE_TOGGLE } from '../../useShortcuts';
import { FileButton } from '../FileButton';
import { TreeView } from './TreeView';

/** The strategies that end with a completed set and a separate answer selection. */
const COMPLETED_SET = new Set<TreeStrategyId>(['beam', 'dvts', 'particle-filter']);
const SELECTION_LABELS: Record<FinalSelection, string> = {
  best: 'best score',
  weighted: 'weighted vote',
  majority: 'majority vote',
};

const BUDGETS = Array.from({ length: Math.log2(MAX_TREE_N) + 1 }, (_, i) => 2 ** i);

/** Run a tree strategy on the selected problem and play its search back step by step. */
export function SearchPanel() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const search = useAppStore((s) => s.search);
  const runSearch = useAppStore((s) => s.runSearch);
  const cancel = useAppStore((s) => s.cancelSearch);
  const backend = useAppStore((s) => s.backend);
  const running = search.status === 'running';
  return (
    <div className="search">
      <div className="search-controls">
        <label>
          Strategy{' '}
          <select
            data-testid="tree-strategy"
            value={e.tree}
            onChange={(ev) => set({ tree: ev.target.value as TreeStrategyId })}
          >
            {Object.values(TREE_STRATEGIES).map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label title={TREE_STRATEGIES[e.tree].budget}>
          N{' '}
          <select
            data-testid="tree-n"
            value={e.treeN}
            onChange={(ev) => set({ treeN: Number(ev.target.value) })}
          >
            {BUDGETS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          M{' '}
          <select
            data-testid="tree-m"
            value={e.treeM}
            onChange={(ev) => set({ treeM: Number(ev.target.value) })}
          >
            {[1, 2, 4, 8].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {treePolicyApplies(e) && (
          <label title="The built-in policy tree search draws with (the tab and the chart's tree curves): a smaller one with search against the pool's with voting">
            Policy{' '}
            <select
              data-testid="tree-policy"
              value={e.treePolicy && e.treePolicy !== e.policy ? e.treePolicy : ''}
              onChange={(ev) =>
                set({
                  treePolicy:
                    ev.target.value === '' ? null : (ev.target.value as (typeof POLICIES)[number]),
                })
              }
            >
              <option value="">the pool’s ({e.policy})</option>
              {POLICIES.filter((p) => p !== e.policy).map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        {COMPLETED_SET.has(e.tree) && (
          <>
            <label title="How the answer is picked from the search's completed set (search-and-learn's final step)">
              Answer{' '}
              <select
                data-testid="tree-select"
                value={e.treeSelect}
                onChange={(ev) => set({ treeSelect: ev.target.value as FinalSelection })}
              >
                {FINAL_SELECTIONS.map((s) => (
                  <option key={s} value={s}>
                    {SELECTION_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label title="Before version 2: shrinking beams, pruning at the step limit, one DVTS leaf per subtree, finished particles dropped and weights softmax(score/τ)">
              <input
                type="checkbox"
                data-testid="tree-first-wave"
                checked={e.treeFirstWave}
                onChange={(ev) => set({ treeFirstWave: ev.target.checked })}
              />{' '}
              First-wave variants
            </label>
          </>
        )}
        {running ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            data-testid="run-search"
            onClick={() => void runSearch(e, resolveBackend(e.backend, backend))}
          >
            Search problem {e.problem + 1}
          </button>
        )}
      </div>
      <p className="search-budget">
        Budget: {TREE_STRATEGIES[e.tree].budget}. <OpenTrace />
      </p>
      {running && <p className="status">Searching…</p>}
      {search.recovered && (
        <p className="status" role="status" data-testid="search-recovered">
          {search.recovered}
        </p>
      )}
      {search.status === 'error' && (
        <p className="error" role="alert">
          {search.error}
        </p>
      )}
      {search.result && (
        <SearchPlayer
          key={search.key}
          result={search.result}
          file={search.file}
          replayed={!!search.replayed}
        />
      )}
    </div>
  );
}

/** Plays one search back: a fresh player (from the first round) per search. */
function SearchPlayer({
  result,
  file,
  replayed,
}: {
  result: SearchResult;
  file?: string | undefined;
  replayed: boolean;
}) {
  const trace = result.trace;
  const stops = useMemo(() => roundStops(trace), [trace]);
  const end = trace.events.length;
  const [upTo, setUpTo] = useState(stops[0] ?? 0);
  const [playing, setPlaying] = useState(true);

  // Playback is animation for people watching; tests step or jump with the buttons.
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      setUpTo((at) => stops.find((s) => s > at) ?? end);
    }, 400);
    return () => clearInterval(id);
  }, [playing, stops, end]);
  const done = upTo >= end;
  const step = () => setUpTo((at) => stops.find((s) => s > at) ?? end);
  // The space key (useShortcuts) plays or pauses, as the Play button does (read through a ref: two
  // quick presses must not both see the position before the first one's render).
  const at = useRef(upTo);
  useEffect(() => {
    at.current = upTo;
  }, [upTo]);
  useEffect(() => {
    const toggle = () => {
      if (at.current >= end) {
        at.current = stops[0] ?? 0;
        setUpTo(at.current);
        setPlaying(true);
      } else setPlaying((p) => !p);
    };
    window.addEventListener(TREE_TOGGLE, toggle);
    return () => window.removeEventListener(TREE_TOGGLE, toggle);
  }, [end, stops]);

  return (
    <>
      <div className="player">
        <button
          type="button"
          data-testid="tree-play"
          data-playing={playing && !done}
          onClick={() =>
            done ? (setUpTo(stops[0] ?? 0), setPlaying(true)) : setPlaying((p) => !p)
          }
        >
          {playing && !done ? 'Pause' : done ? 'Replay' : 'Play'}
        </button>
        <button type="button" data-testid="tree-step" onClick={step} disabled={done}>
          Step
        </button>
        <button type="button" data-testid="tree-end" onClick={() => setUpTo(end)}>
          End
        </button>
        <input
          type="range"
          aria-label="search events"
          data-testid="tree-scrub"
          min={0}
          max={end}
          value={upTo}
          onChange={(ev) => setUpTo(Number(ev.target.value))}
        />
        <span data-testid="tree-progress">
          {upTo}/{end} events
        </span>
        <button
          type="button"
          onClick={() =>
            download(
              `search-${trace.strategy}-${trace.problem.id}.json`,
              JSON.stringify(trace, null, 1),
              'application/json',
            )
          }
        >
          Export trace
        </button>
      </div>
      <p className="search-summary" data-testid="search-summary" data-replayed={replayed}>
        {!done
          ? 'Playing the search…'
          : `Answer ${result.answer ?? '(none)'} — ${result.correct ? 'correct' : 'wrong'}; ${result.cost.generatedTokens} generated tokens` +
            (file
              ? ` (${trace.strategy} on ${trace.problem.question}, from ${file}).`
              : `, ${result.cost.verifierTokens} verifier tokens` +
                (replayed ? ' (replayed: searched before in this browser, same models).' : '.'))}
      </p>
      <TreeView trace={trace} upTo={upTo} />
    </>
  );
}

/** Opens an exported trace (this tab's "Export trace" or `ttc sweep --traces`) to play it back. */
function OpenTrace() {
  const open = useAppStore((s) => s.openTrace);
  return (
    <FileButton
      label="Open trace…"
      accept=".json,application/json"
      testId="trace-file"
      onText={open}
    />
  );
}

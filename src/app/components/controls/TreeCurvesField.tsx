import { TREE_STRATEGIES, type TreeStrategyId } from '../../../core/search';
import { MAX_TREE_N, MAX_TREE_PROBLEMS, MAX_TREE_SEEDS } from '../../experiment/settings';
import { searchVerifier } from '../../search/searchSettings';
import { resolveBackend, useAppStore } from '../../store';

const SEEDS = [1, 2, 4, MAX_TREE_SEEDS];

/**
 * Tree strategies to draw on the chart: real search runs for every budget, on the experiment's first
 * problems, so they start when checked and show their progress.
 */
export function TreeCurvesField() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const tree = useAppStore((s) => s.treeCurves);
  const cancel = useAppStore((s) => s.cancelTreeCurves);
  const run = useAppStore((s) => s.runTreeCurves);
  const offered = useAppStore((s) => s.backend);
  const blocked = searchVerifier(e);
  const toggle = (id: TreeStrategyId) =>
    set({
      treeCurves: (Object.keys(TREE_STRATEGIES) as TreeStrategyId[]).filter((s) =>
        s === id ? !e.treeCurves.includes(s) : e.treeCurves.includes(s),
      ),
    });
  const problems = Math.min(e.problems, MAX_TREE_PROBLEMS);
  // Runs already done replay from the run cache, so resuming searches only what is missing.
  const resumeButton = (label: 'Resume' | 'Retry') => (
    <button
      type="button"
      disabled={!offered}
      onClick={() => void run(e, resolveBackend(e.backend, offered))}
      data-testid={`tree-curves-${label.toLowerCase()}`}
    >
      {label}
    </button>
  );
  return (
    <fieldset data-testid="tree-curves">
      <legend>Tree search on the chart</legend>
      <p className="hint">
        Real searches per budget (N ≤ {Math.min(e.n, MAX_TREE_N)}) on the first {problems} problems,
        width M = {e.treeM}.
      </p>
      {Object.values(TREE_STRATEGIES).map((s) => (
        <label
          key={s.id}
          className="check"
          title={typeof blocked === 'string' ? blocked : s.budget}
        >
          <input
            type="checkbox"
            checked={e.treeCurves.includes(s.id)}
            disabled={typeof blocked === 'string'}
            onChange={() => toggle(s.id)}
            data-testid={`tree-curve-${s.id}`}
          />
          {s.label}
        </label>
      ))}
      <label className="row">
        Runs per problem
        <select
          value={e.treeSeeds}
          data-testid="tree-seeds"
          onChange={(ev) => set({ treeSeeds: Number(ev.target.value) })}
        >
          {SEEDS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {tree.status === 'running' && (
        <p className="status" data-testid="tree-curves-progress">
          Searching: {tree.done} / {tree.total} runs{' '}
          <button type="button" onClick={cancel} data-testid="tree-curves-cancel">
            Cancel
          </button>
        </p>
      )}
      {tree.status === 'done' && (
        <p className="status" data-testid="tree-curves-done">
          {tree.source.kind === 'file'
            ? `From ${tree.source.name}: ${tree.total} runs on ${tree.problems} problems.`
            : `${tree.total} runs done.`}
        </p>
      )}
      {tree.status === 'cancelled' && (
        <p className="status" data-testid="tree-curves-cancelled">
          Cancelled after {tree.done} of {tree.total} runs; finished budgets are drawn.{' '}
          {resumeButton('Resume')}
        </p>
      )}
      {tree.recovered && (
        <p className="status" role="status" data-testid="tree-curves-recovered">
          {tree.recovered}
        </p>
      )}
      {tree.status === 'error' && (
        <div className="error" role="alert" data-testid="tree-curves-error">
          <p>{tree.error}</p>
          {tree.total > 0 && (
            <p>
              {tree.done} of {tree.total} runs were done and are kept; Retry searches only the rest.{' '}
              {resumeButton('Retry')}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getTask } from '../../../core/tasks';
import { hasProblems, problemSet } from '../../experiment/problemSource';
import { strategyId, verifierId } from '../../experiment/scoredPool';
import { policyMismatch, STRATEGY_LABELS } from '../../experiment/settings';
import { picksAt, strategiesOf, voteBars } from '../../problem/votes';
import { useAppStore } from '../../store';
import { MathText } from '../math/MathText';
import { GreedyCheck } from './GreedyCheck';
import { SampleDetail } from './SampleDetail';
import { SampleList } from './SampleList';
import { VoteDistribution } from './VoteDistribution';

/** The selected problem: its text, the vote distribution at the budget, and the samples behind a bar. */
export function ProblemPanel() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  // The scored pool and its experiment only: a rescore starting (status) re-renders nothing here.
  const curves = useAppStore(
    useShallow((s) => ({ pool: s.curves.pool, experiment: s.curves.experiment })),
  );
  const problems = useAppStore((s) => s.pool.problems);
  const selected = useAppStore((s) => s.selectedAnswer);
  const open = useAppStore((s) => s.openSample);
  // The experiment's problem, shown even before (or without) a pool that holds it — e.g. a brought
  // set no built-in policy can draw; the held pool's copy when it is the same problem.
  const wanted = useMemo(
    () => (hasProblems(e) ? problemSet(e, e.problem + 1)[e.problem] : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- what the problem set depends on
    [e.task, e.seed, e.levels, e.custom, e.problem],
  );
  const held = problems[e.problem];
  const problem =
    held && (!wanted || (held.id === wanted.id && held.question === wanted.question))
      ? held
      : wanted;
  const scoredEntry = curves.pool?.problems.find((p) => p.problem.id === problem?.id);
  const scoring = curves.experiment;
  const k = Math.min(e.budget, scoredEntry?.samples.length ?? 0);

  const strategies = useMemo(() => (curves.pool ? strategiesOf(curves.pool) : []), [curves.pool]);
  const votes = useMemo(() => {
    if (!scoredEntry || !curves.pool || !scoring) return null;
    const v = verifierId(scoring);
    const ids = e.strategies.flatMap((key) => {
      const id = strategyId(key, scoring);
      return id ? [{ id, label: STRATEGY_LABELS[key] }] : [];
    });
    const picks = picksAt(
      strategies,
      scoredEntry,
      k,
      ids.map((x) => x.id),
    );
    return {
      bars: voteBars(scoredEntry, k, v),
      picks: ids.map((x) => ({ ...x, answer: picks[x.id] ?? null })),
      verifier: v,
    };
  }, [scoredEntry, curves.pool, strategies, scoring, e.strategies, k]);

  if (!problem) return <p className="empty">No problem yet: run an experiment.</p>;
  const bar = votes?.bars.find((b) => b.answer === selected);
  return (
    <div className="problem">
      <nav className="problem-nav" aria-label="Problem">
        <button
          onClick={() => set({ problem: e.problem - 1 })}
          disabled={e.problem === 0}
          aria-label="Previous problem"
        >
          ‹
        </button>
        <span data-testid="problem-index">
          Problem {e.problem + 1} of {e.problems} · level {problem.level}
        </span>
        <button
          onClick={() => set({ problem: e.problem + 1 })}
          disabled={e.problem + 1 >= e.problems}
          aria-label="Next problem"
        >
          ›
        </button>
      </nav>
      <pre className="question" data-testid="problem-text">
        <MathText text={getTask(problem.task).prompt(problem).trimEnd()} />
      </pre>
      {!getTask(problem.task).checksSteps && <RawMathToggle />}
      <details>
        <summary>Reference solution (answer {problem.answer})</summary>
        <pre data-testid="reference">
          <MathText text={getTask(problem.task).completion(problem)} />
        </pre>
      </details>
      {votes ? (
        <VoteDistribution
          bars={votes.bars}
          picks={votes.picks}
          k={k}
          weighted={votes.verifier !== null}
        />
      ) : (
        <p className="empty">Samples for this problem appear when the run reaches it.</p>
      )}
      {bar && scoredEntry && <SampleList entry={scoredEntry} bar={bar} />}
      {open !== null && scoredEntry && scoring && (
        <SampleDetail entryId={scoredEntry.problem.id} index={open} />
      )}
      {/* The built-in policy's greedy decode, graded here: only for the task it writes. */}
      {policyMismatch(e) === null && <GreedyCheck problem={problem} />}
    </div>
  );
}

/** Free text shows its LaTeX rendered; this shows the source instead (for reading what was written). */
function RawMathToggle() {
  const raw = useAppStore((s) => s.rawMath);
  const setRaw = useAppStore((s) => s.setRawMath);
  return (
    <label className="raw-math">
      <input
        type="checkbox"
        checked={raw}
        onChange={(ev) => setRaw(ev.target.checked)}
        data-testid="raw-math"
      />{' '}
      Show LaTeX source
    </label>
  );
}

import { useAppStore, resolveBackend } from '../../store';
import { useMemo } from 'react';
import { poolKey } from '../../experiment/cacheKeys';
import { policyMismatch } from '../../experiment/settings';
import { settingsKey } from '../../experiment/table';
import { pendingSamples, poolIsStale } from '../../pool/poolSlice';
import { estimateSeconds, formatSeconds } from '../../pool/estimate';

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Run / cancel, with an estimate before and progress during; says when the chart is out of date. */
export function RunBar() {
  const e = useAppStore((s) => s.experiment);
  const pool = useAppStore((s) => s.pool);
  const offered = useAppStore((s) => s.backend);
  const run = useAppStore((s) => s.runPool);
  const cancel = useAppStore((s) => s.cancelPool);
  const set = useAppStore((s) => s.setExperiment);
  const backend = resolveBackend(e.backend, offered);
  const wanted = { ...e, n: Math.max(e.n, e.budget) };
  // Only what the pool's needs depend on (the table's samples, extent and scores; not the budget
  // below the pool size): cheap slider moves.
  const needs = JSON.stringify([
    poolKey(wanted, backend),
    settingsKey(wanted, 'extent'),
    settingsKey(wanted, 'scores'),
  ]);
  const { stale, pending } = useMemo(
    () => ({
      stale: poolIsStale(pool, wanted, backend),
      pending: pendingSamples(pool, wanted, backend),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `needs` stands for `wanted`
    [pool, needs, backend],
  );
  const eta = estimateSeconds(pool, pending, backend);
  // A built-in policy draws only its own task: say so before a Run that could not work.
  const cannot = policyMismatch(wanted);
  const running = pool.status === 'running';
  const p = pool.progress;

  const start = () => {
    if (wanted.n !== e.n) set({ n: wanted.n });
    void run(wanted, backend);
  };

  return (
    <div
      className="runbar"
      data-testid="run-bar"
      data-status={pool.status}
      data-restored={pool.restored}
      data-inference-calls={pool.inferenceCalls}
      data-loading={
        pool.loading
          ? `${pool.loading.model}:${pool.loading.loaded}/${pool.loading.total ?? ''}`
          : ''
      }
    >
      {running ? (
        <button className="primary" onClick={cancel} data-testid="cancel">
          Cancel
        </button>
      ) : (
        <button
          className="primary"
          onClick={start}
          disabled={!stale || !offered || cannot !== null}
          data-testid="run"
          title={stale ? undefined : 'The pool already holds everything this experiment needs.'}
        >
          {pool.status === 'error' ? 'Retry' : 'Run'}
        </button>
      )}
      <div className="run-text" aria-live="polite">
        {running && p ? (
          <>
            <progress max={Math.max(1, p.samplesNeeded)} value={p.samplesDone} />
            <span data-testid="run-progress">
              {p.samplesDone}/{p.samplesNeeded} samples · problem{' '}
              {Math.min(p.problemsDone + 1, p.problems)}/{p.problems} ·{' '}
              {p.tokensPerSecond > 0
                ? `${p.tokensPerSecond.toFixed(0)} tok/s`
                : pool.loading
                  ? `loading ${pool.loading.model}: ${mb(pool.loading.loaded)}${pool.loading.total ? ` / ${mb(pool.loading.total)}` : ''} MB`
                  : 'loading models…'}
            </span>
          </>
        ) : pool.status === 'error' ? (
          <span className="error" role="alert" data-testid="run-error" data-kind={pool.errorKind}>
            {pool.error}
          </span>
        ) : stale && cannot ? (
          <span className="meta" data-testid="run-blocked">
            {cannot}
          </span>
        ) : stale && offered ? (
          <span data-testid="run-estimate">
            {pending > 0
              ? `${pending} samples to draw (${wanted.problems} × ${wanted.n}) on ${backend.toUpperCase()}, about ${formatSeconds(eta)}`
              : 'Scores to compute with the new verifier'}
            {pool.status === 'cancelled' ? ' · last run cancelled, partial pool kept' : ''}
          </span>
        ) : (
          <span className="meta" data-testid="run-summary">
            {pool.imported
              ? `Imported pool ${pool.imported}: ${pool.entries.length} problems × ${e.n} samples, shown as recorded`
              : pool.status === 'done' || pool.status === 'cancelled'
                ? `Pool: ${pool.entries.slice(0, e.problems).filter(Boolean).length} problems × ${e.n} samples, ${pool.backend?.toUpperCase()}${pool.restored ? (pool.inferenceCalls === 0 ? ', from this browser’s storage (no inference)' : ', from this browser’s storage and new samples') : ''}`
                : 'Detecting the backend…'}
          </span>
        )}
        {pool.recovered && (
          <span className="meta" role="status" data-testid="run-recovered">
            {pool.recovered}
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * Curves for the current pool and scoring settings, computed in a worker once per change; the budget
 * slider only looks them up. Rescoring requests coalesce: at most one in flight, the latest wins.
 */
import type { StateCreator } from 'zustand';
import type { ScoreReport } from '../../core/metrics/score';
import type { Pool } from '../../core/types';
import { scoredPool, strategyId, verifierId } from '../experiment/scoredPool';
import type { Experiment } from '../experiment/settings';
import { modelVerifier } from '../experiment/modelVerifier';
import { poolKey } from '../experiment/cacheKeys';
import { SETTING_NAMES, SETTINGS } from '../experiment/table';
import type { PoolState } from '../pool/poolSlice';
import { CurvesClient } from '../workers/curvesClient';

export interface ReportState {
  report: ScoreReport | null;
  /** Exactly the pool the report was computed from (what "Export pool" downloads). */
  pool: Pool | null;
  /** The experiment the report was computed for (its verifier, estimator and seed). */
  experiment: Experiment | null;
  status: 'idle' | 'scoring' | 'error';
  error: string | null;
}

export interface ReportSlice {
  curves: ReportState;
  rescore(e: Experiment, pool: PoolState): void;
}

/**
 * Engine settings shared with `ttc score`'s defaults, so an exported pool rescored there agrees; only
 * the shown strategies are scored (a curve does not depend on which others are scored with it).
 */
export const scoreOptions = (e: Experiment) => {
  const only = e.strategies.map((k) => strategyId(k, e)).filter((id): id is string => !!id);
  return { estimator: e.estimator, seed: e.seed, only, process: e.process };
};

/**
 * The experiment the held pool is scored under: its own task, levels, seed and temperatures (it may be
 * stale), with the current verifier and estimator.
 */
export function scoringExperiment(current: Experiment, pool: PoolState): Experiment {
  const src = pool.source ?? current;
  // The held pool serves any problem count of its key: score the first `current.problems` of it.
  const sameKey = pool.key === poolKey(current, pool.backend ?? 'wasm');
  // How the pool is scored and made into curves is the current experiment's (the table's `scores`
  // and `curves` settings); what drew it stays the pool's.
  const scoring = Object.fromEntries(
    SETTING_NAMES.filter((n) =>
      SETTINGS[n].determines.some((d) => d === 'scores' || d === 'curves'),
    ).map((n) => [n, current[n]]),
  ) as Partial<Experiment>;
  return { ...src, ...scoring, problems: sameKey ? current.problems : src.problems };
}

/** The usable part of the held pool: problems with samples, fully scored by a learned verifier. */
export function poolForScoring(e: Experiment, pool: PoolState): Pool | null {
  const v = verifierId(e);
  const entries = pool.entries
    .slice(0, e.problems)
    .filter(
      (x): x is NonNullable<typeof x> =>
        !!x &&
        x.samples.length > 0 &&
        (!modelVerifier(e) || x.samples.every((s) => !!s.scores[v!])),
    );
  if (entries.length === 0) return null;
  return scoredPool(entries, e, { backend: pool.backend ?? 'wasm', models: pool.models });
}

let client: CurvesClient | null = null;
let inFlight = false;
let pending: { e: Experiment; pool: PoolState } | null = null;

export const createReportSlice: StateCreator<ReportSlice> = (set, get) => ({
  curves: { report: null, pool: null, experiment: null, status: 'idle', error: null },
  rescore: (e, poolState) => {
    pending = { e, pool: poolState };
    if (inFlight) return;
    void (async () => {
      while (pending) {
        const job = pending;
        pending = null;
        // Marks for `npm run bench`: a pool change → curves ready, from the main thread's share
        // (choosing the verifier's scores, preparing the typed arrays) to the report.
        const t0 = performance.now();
        const e = scoringExperiment(job.e, job.pool);
        const pool = poolForScoring(e, job.pool);
        if (!pool) {
          set({ curves: { report: null, pool: null, experiment: e, status: 'idle', error: null } });
          continue;
        }
        inFlight = true;
        set({ curves: { ...get().curves, status: 'scoring' } });
        try {
          client ??= new CurvesClient();
          performance.mark('ttc:curves:start', { startTime: t0 });
          const report = await client.score(pool, scoreOptions(e));
          performance.measure('ttc:curves', 'ttc:curves:start');
          if (report) set({ curves: { report, pool, experiment: e, status: 'idle', error: null } });
        } catch (err) {
          set({
            curves: {
              ...get().curves,
              status: 'error',
              error: err instanceof Error ? err.message : String(err),
            },
          });
        } finally {
          inFlight = false;
        }
      }
    })();
  },
});

/**
 * The page's compute-optimal curve (Snell et al.): computed from the report it already holds and the
 * pool's verifier scores (`computeOptimalFromReport`, the same result `ttc score --compute-optimal`
 * gives for the same strategies), over the strategies on the chart, on the chart's axis.
 */
import {
  computeOptimalFromReport,
  type ComputeOptimalReport,
} from '../../core/metrics/computeOptimalReport';
import type { ComputeUnit } from '../../core/metrics/computeOptimal';
import type { ScoreReport } from '../../core/metrics/score';
import type { Pool } from '../../core/types';
import { solutionScore } from '../../core/verifiers/aggregate';
import { strategyId, verifierId } from '../experiment/scoredPool';
import { STRATEGY_LABELS, type ComputeAxis, type Experiment } from '../experiment/settings';
import type { Series } from './chartData';

/** What a compute-optimal budget counts on each chart axis (FLOPs and seconds: not offered). */
export const AXIS_UNIT: Partial<Record<ComputeAxis, ComputeUnit>> = {
  samples: 'samples',
  generated: 'generatedTokens',
  total: 'totalTokens',
};

export const CO_COLOR = '#000000';

export interface PageComputeOptimal {
  report: ComputeOptimalReport;
  /** The baseline's label on the chart (best-of-N when shown). */
  baselineLabel: string;
}

/** The compute-optimal result for what the chart shows, or why there is none. */
export function pageComputeOptimal(
  report: ScoreReport,
  pool: Pool,
  e: Experiment,
): PageComputeOptimal | string {
  const unit = AXIS_UNIT[e.axis];
  if (!unit) return 'Compute-optimal scaling is drawn on the samples and token axes.';
  const shown = e.strategies
    .map((k) => ({ key: k, id: strategyId(k, e) }))
    .filter((s): s is { key: typeof s.key; id: string } => !!s.id && !!report.overall.curves[s.id]);
  if (shown.length < 2)
    return 'Compute-optimal scaling chooses among the strategies shown: show two or more.';
  // Best-of-N is the paper's comparison; without it, the first strategy shown.
  const base = shown.find((s) => s.key === 'bon') ?? shown[0]!;
  const v = verifierId(e);
  const predicted =
    e.coBins === 'predicted' && v
      ? {
          verifier: v,
          scores: pool.problems.map((entry) => {
            const xs = entry.samples
              .map((s) => solutionScore(s.scores[v]))
              .filter((x) => Number.isFinite(x));
            return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
          }),
        }
      : null;
  if (e.coBins === 'predicted' && !predicted)
    return 'Predicted difficulty needs a verifier: choose one, or bin by the oracle.';
  const only = new Set(['oracle', ...shown.map((s) => s.id)]);
  const scoped = { ...report, strategies: report.strategies.filter((s) => only.has(s.id)) };
  return {
    report: computeOptimalFromReport(
      scoped,
      { unit, seed: e.coSplit, baseline: base.id, bootstrap: 200 },
      predicted,
    ),
    baselineLabel: STRATEGY_LABELS[base.key],
  };
}

export const resultFor = (co: PageComputeOptimal, bins: Experiment['coBins']) =>
  bins === 'predicted' && co.report.predicted ? co.report.predicted : co.report.oracle;

/** The chart's line: one point per budget, k the baseline's budget it stands at. */
export function computeOptimalSeries(
  co: PageComputeOptimal,
  bins: Experiment['coBins'],
  ks: number[],
): Series {
  const result = resultFor(co, bins);
  return {
    id: 'compute-optimal',
    key: 'compute-optimal',
    label: `Compute-optimal (${bins} difficulty)`,
    color: CO_COLOR,
    missing: 'no strategy shown fits this budget',
    points: result.points.flatMap((p, j) =>
      p.accuracy === null
        ? []
        : [
            {
              k: ks[j]!,
              x: p.budget,
              accuracy: p.accuracy,
              band: [p.lo ?? p.accuracy, p.hi ?? p.accuracy] as [number, number],
            },
          ],
    ),
  };
}

/**
 * Chart series from a score report: one per shown strategy plus the oracle ceiling, on the chosen
 * compute axis. Costs are the engine's per-problem means at each budget.
 */
import type { CurveCost, CurvePoint } from '../../core/metrics/curves';
import { TREE_STRATEGIES, type TreeStrategyId } from '../../core/search';
import type { SearchCurvePoint } from '../../runtime/searchSweep';
import type { ScoreReport } from '../../core/metrics/score';
import type { Pool } from '../../core/types';
import type { ModelMemory } from '../../runtime/modelConfig';
import { strategyId, verifierId } from '../experiment/scoredPool';
import {
  isLearned,
  STRATEGY_LABELS,
  type ComputeAxis,
  type Experiment,
  type StrategyKey,
} from '../experiment/settings';

export interface ChartPoint {
  k: number;
  x: number;
  accuracy: number;
  band: [number, number];
}

export interface Series {
  id: string;
  /** Tree strategies are real search runs per budget, drawn dashed. */
  key: StrategyKey | 'oracle' | 'tree' | 'compute-optimal';
  label: string;
  color: string;
  points: ChartPoint[];
  /** What the legend says at a budget without a point. */
  missing: string;
  /** Process-correct accuracy (answer and every step right), drawn dotted beside the outcome line. */
  process?: boolean;
}

/** Colour-blind-safe (Okabe–Ito), fixed per strategy so a line keeps its colour across experiments. */
export const STRATEGY_COLORS: Record<StrategyKey | 'oracle', string> = {
  oracle: '#555555',
  majority: '#0072B2',
  bon: '#D55E00',
  weighted: '#009E73',
  bom: '#CC79A7',
  'early-stop': '#56B4E9',
  'confidence-min': '#E69F00',
  'confidence-mean': '#8C6D1F',
  'first-finish': '#7F3C8D',
};

/** Distinct from the pool strategies' colours (Tol's muted scheme). */
export const TREE_COLORS: Record<TreeStrategyId, string> = {
  beam: '#882255',
  dvts: '#117733',
  'particle-filter': '#332288',
  mcts: '#AA4499',
  'best-first': '#999933',
};

export interface AxisContext {
  /** Parameters of the policy and of the chosen learned verifier (FLOPs). */
  policyParams: number;
  verifierParams: number;
  /** Measured seconds per token (generated or verifier-read) in this pool. */
  secondsPerToken: number;
  /** The policy's weight bytes and KV bytes per position (memory traffic), when known. */
  policyMemory?: ModelMemory | null;
}

export function axisContext(pool: Pool, parameters: Record<string, number>): AxisContext {
  const policy = pool.models.find((m) => m.role === 'policy');
  const verifier = pool.models.find((m) => m.role === 'verifier');
  let ms = 0;
  let tokens = 0;
  for (const entry of pool.problems) {
    ms += entry.cost.elapsedMs;
    tokens += entry.cost.generatedTokens + entry.cost.verifierTokens;
  }
  return {
    policyParams: (policy && parameters[policy.id]) || 0,
    verifierParams: (verifier && parameters[verifier.id]) || 0,
    secondsPerToken: tokens > 0 ? ms / 1000 / tokens : 0,
  };
}

export function axisValue(cost: CurveCost, axis: ComputeAxis, ctx: AxisContext): number {
  const { samples, generatedTokens: gen, verifierTokens: ver } = cost;
  switch (axis) {
    case 'samples':
      return samples;
    case 'generated':
      return gen;
    case 'total':
      return gen + ver;
    case 'flops':
      return 2 * (ctx.policyParams * gen + ctx.verifierParams * ver);
    case 'memory':
      // Weights once per decode step for the batch, the KV cache per row at its context length.
      return ctx.policyMemory && cost.decodeSteps !== undefined && cost.kvReads !== undefined
        ? ctx.policyMemory.weightBytes * cost.decodeSteps +
            ctx.policyMemory.kvBytesPerToken * cost.kvReads
        : NaN;
    case 'wallclock':
      return (gen + ver) * ctx.secondsPerToken;
  }
}

export function chartSeries(
  report: ScoreReport,
  e: Experiment,
  ctx: AxisContext,
  curves: Record<string, CurvePoint[]> = report.overall.curves,
): Series[] {
  const v = verifierId(e);
  // A cost the pool does not know (imported text without token counts) has no place on its axis.
  const toPoints = (pts: CurvePoint[]) =>
    pts
      .map((pt) => ({
        k: pt.k,
        x: axisValue(pt.cost, e.axis, ctx),
        accuracy: pt.accuracy,
        band: [pt.lo, pt.hi] as [number, number],
      }))
      .filter((p) => Number.isFinite(p.x));
  const missing = (pts: CurvePoint[]) =>
    pts.length > 0 && toPoints(pts).length === 0
      ? e.axis === 'memory'
        ? 'not available on this axis (the policy’s memory facts or token counts unknown)'
        : 'not available on this axis (token counts unknown)'
      : 'beyond the pool';
  const unavailable = new Map((report.unavailable ?? []).map((u) => [u.id, u.reason]));
  const out: Series[] = [];
  const oracle = curves['oracle'];
  if (oracle) {
    out.push({
      id: 'oracle',
      key: 'oracle',
      label: 'Oracle ceiling (pass@k)',
      color: STRATEGY_COLORS.oracle,
      points: toPoints(oracle),
      missing: missing(oracle),
    });
    const process =
      e.process && curves === report.overall.curves ? report.process?.['oracle'] : undefined;
    if (process)
      out.push({
        id: 'oracle:process',
        key: 'oracle',
        label: 'Oracle ceiling · every step right',
        color: STRATEGY_COLORS.oracle,
        points: toPoints(process),
        missing: missing(process),
        process: true,
      });
  }
  for (const key of e.strategies) {
    const id = strategyId(key, e);
    const pts = id ? curves[id] : undefined;
    const why = id ? unavailable.get(id) : undefined;
    if (!id || (!pts && !why)) continue;
    const by = v && id !== key ? ` · ${verifierShort(e)}` : '';
    out.push({
      id,
      key,
      label: STRATEGY_LABELS[key] + by,
      color: STRATEGY_COLORS[key],
      points: pts ? toPoints(pts) : [],
      missing: why ?? missing(pts!),
    });
    // Beside it, the share of picks right for the right reasons (votes pick answers: none).
    const process =
      e.process && curves === report.overall.curves ? report.process?.[id] : undefined;
    if (process)
      out.push({
        id: `${id}:process`,
        key,
        label: `${STRATEGY_LABELS[key]}${by} · every step right`,
        color: STRATEGY_COLORS[key],
        points: toPoints(process),
        missing: missing(process),
        process: true,
      });
  }
  return out;
}

/**
 * Series of tree-search curves: x from the runs' mean costs on the same axis as the pool strategies
 * (samples = the budget N; prompt tokens, like the pool's, are not on the axis).
 */
export function treeSeries(
  curves: Record<string, SearchCurvePoint[]>,
  axis: ComputeAxis,
  ctx: AxisContext,
  scope: string,
): Series[] {
  return Object.entries(curves).flatMap(([id, pts]) => {
    const strategy = TREE_STRATEGIES[id as TreeStrategyId];
    if (!strategy || pts.length === 0) return [];
    return [
      {
        id: `tree:${id}`,
        key: 'tree' as const,
        label: scope ? `${strategy.label} · ${scope}` : strategy.label,
        color: TREE_COLORS[strategy.id],
        missing: 'not run at this N',
        points: pts.map((p) => ({
          k: p.n,
          x: axisValue(
            { samples: p.n, generatedTokens: p.generatedTokens, verifierTokens: p.verifierTokens },
            axis,
            ctx,
          ),
          accuracy: p.accuracy,
          band: [p.lo, p.hi] as [number, number],
        })),
      },
    ];
  });
}

export function verifierShort(e: Experiment): string {
  if (isLearned(e.verifier))
    return {
      'arith-verifier': 'strong PRM',
      'arith-verifier-weak': 'fallible PRM',
      'arith-prm': 'tag PRM',
    }[e.verifier];
  if (e.verifier === 'noisy-oracle')
    return `noisy oracle (FP ${e.noisy.falsePositive}, FN ${e.noisy.falseNegative})`;
  if (e.verifier === 'policy-confidence') return 'self-confidence';
  if (e.verifier === 'remote' || e.verifier === 'hub') {
    const where = e.verifier === 'remote' ? 'remote ' : '';
    const how = e.verifierRule === 'generative' ? '' : ` (${e.verifierRule})`;
    return e.verifierModel ? `${where}${e.verifierModel}${how}` : e.verifier;
  }
  return e.verifier;
}

/** The series' point at budget k, if the pool reaches it. */
export const pointAt = (s: Series, k: number) => s.points.find((p) => p.k === k);

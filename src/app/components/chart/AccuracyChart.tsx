import { memo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PowerLawFit } from '../../../core/metrics/powerLaw';
import { COMPUTE_AXES, type ComputeAxis } from '../../experiment/settings';
import type { Series } from '../../curves/chartData';
import { formatCompute } from './format';

interface Props {
  series: Series[];
  axis: ComputeAxis;
  /** Log-axis ticks; the first and last are the domain. */
  ticks: number[];
  fit: PowerLawFit | null;
}

/**
 * The plot area's insets in pixels (margins + axis sizes), fixed so the budget marker can be drawn
 * over the chart without re-rendering it (BudgetMarker).
 */
export const PLOT = { left: 8 + 60, right: 24, top: 8, bottom: 24 + 30 };

/** The oracle ceiling dashed; tree strategies (real runs per budget, fewer problems) dash-dotted. */
const DASH: Partial<Record<Series['key'], string>> = {
  oracle: '6 4',
  tree: '10 3 2 3',
  'compute-optimal': '2 2',
};

/** Accuracy against compute on a log-2 axis: a line and a 95% band per strategy, the oracle dashed. */
export const AccuracyChart = memo(function AccuracyChart({ series, axis, ticks, fit }: Props) {
  const fitPoints =
    fit && axis === 'samples'
      ? (series.find((s) => s.key === 'oracle')?.points ?? []).map((p) => ({
          x: p.x,
          fit: Math.exp(fit.a * p.k ** fit.b),
        }))
      : null;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart margin={{ top: PLOT.top, right: PLOT.right, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="2 4" stroke="#d5dae3" />
        <XAxis
          dataKey="x"
          type="number"
          scale="log"
          domain={[ticks[0] ?? 1, ticks.at(-1) ?? 2]}
          ticks={ticks}
          allowDataOverflow
          height={PLOT.bottom - 24}
          tickFormatter={(v: number) => formatCompute(v, axis)}
          label={{ value: COMPUTE_AXES[axis], position: 'insideBottom', offset: -14 }}
        />
        <YAxis
          width={PLOT.left - 8}
          type="number"
          domain={[0, 1]}
          tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
          label={{ value: 'Accuracy', angle: -90, position: 'insideLeft' }}
        />
        <Tooltip
          isAnimationActive={false}
          formatter={(value, name) =>
            Array.isArray(value)
              ? [
                  `${(Number(value[0]) * 100).toFixed(1)}–${(Number(value[1]) * 100).toFixed(1)}%`,
                  `${name} 95% CI`,
                ]
              : [`${(Number(value) * 100).toFixed(2)}%`, name]
          }
          labelFormatter={(x) => `${COMPUTE_AXES[axis]}: ${formatCompute(Number(x), axis)}`}
        />
        {series.map((s) => (
          <Area
            key={`${s.id}-band`}
            data={s.points}
            dataKey="band"
            name={s.label}
            stroke="none"
            fill={s.color}
            fillOpacity={0.08}
            isAnimationActive={false}
            legendType="none"
            activeDot={false}
          />
        ))}
        {series.map((s) => (
          <Line
            key={s.id}
            data={s.points}
            dataKey="accuracy"
            name={s.label}
            stroke={s.color}
            strokeWidth={s.key === 'oracle' ? 2 : 2.5}
            strokeDasharray={s.process ? '1 3' : DASH[s.key]}
            dot={{ r: 2.5 }}
            isAnimationActive={false}
          />
        ))}
        {fitPoints && (
          <Line
            data={fitPoints}
            dataKey="fit"
            name="Power-law fit of coverage"
            stroke="#999"
            strokeDasharray="2 3"
            dot={false}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
});

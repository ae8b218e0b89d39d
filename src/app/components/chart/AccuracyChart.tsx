import { memo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PowerLawFit } from '../../../core/metrics/powerLaw';
import { COMPUTE_AXES, type ComputeAxis } from '../../experiment/settings';
import type { Series } from '../../curves/chartData';
import { formatCompute, logTicks } from './format';

interface Props {
  series: Series[];
  axis: ComputeAxis;
  /** x of the current budget's marker, when the pool reaches it. */
  marker: number | null;
  fit: PowerLawFit | null;
}

/** Accuracy against compute on a log-2 axis: a line and a 95% band per strategy, the oracle dashed. */
export const AccuracyChart = memo(function AccuracyChart({ series, axis, marker, fit }: Props) {
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter((x) => x > 0);
  const ticks = logTicks(Math.min(...xs), Math.max(...xs), axis === 'samples');
  const fitPoints =
    fit && axis === 'samples'
      ? (series.find((s) => s.key === 'oracle')?.points ?? []).map((p) => ({
          x: p.x,
          fit: Math.exp(fit.a * p.k ** fit.b),
        }))
      : null;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="2 4" stroke="#d5dae3" />
        <XAxis
          dataKey="x"
          type="number"
          scale="log"
          domain={[ticks[0] ?? 1, ticks.at(-1) ?? 2]}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={(v: number) => formatCompute(v, axis)}
          label={{ value: COMPUTE_AXES[axis], position: 'insideBottom', offset: -14 }}
        />
        <YAxis
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
            strokeDasharray={s.key === 'oracle' ? '6 4' : undefined}
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
        {marker !== null && (
          <ReferenceLine x={marker} stroke="#1c2330" strokeWidth={1.5} strokeDasharray="1 3" />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
});

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { isTreeStrategy, TREE_STRATEGIES, type TreeStrategyId } from '../../../core/search';
import { axisContext, chartSeries, pointAt, TREE_COLORS } from '../../curves/chartData';
import { treeBinAccuracy } from '../../curves/treeBins';
import { useAppStore } from '../../store';
import { ProblemList } from './ProblemList';

/**
 * Accuracy per difficulty bin at the budget, per strategy (Snell-style), and the problem list. Tree
 * strategies on the chart get bars too, from their runs (over the problems they searched).
 */
export function DifficultyPanel() {
  // Not the status: a rescore starting re-renders nothing here (the bars are redrawn with the report).
  const { report, pool, experiment } = useAppStore(
    useShallow((s) => ({
      report: s.curves.report,
      pool: s.curves.pool,
      experiment: s.curves.experiment,
    })),
  );
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const parameters = useAppStore((s) => s.pool.parameters);
  const tree = useAppStore((s) => s.treeCurves);

  const { rows, series } = useMemo(() => {
    if (!report || !pool || !experiment) return { rows: [], series: [] };
    const bins = e.bins === 'level' ? report.bins.level : report.bins.pass1Quintile;
    const display = { ...experiment, strategies: e.strategies, axis: e.axis };
    const ctx = axisContext(pool, parameters);
    const perBin = bins.map((b) => ({
      bin: b,
      series: chartSeries(report, display, ctx, b.curves),
    }));
    // Tree runs binned like the pool's problems: by level, or by the pool's pass@1 quintile.
    const quintileOf = new Map(report.problems.map((p) => [p.id, p.quintile]));
    const byTree = treeBinAccuracy(tree.runs, tree.curves, e.budget, (r) =>
      !quintileOf.has(r.problem)
        ? null
        : e.bins === 'level'
          ? String(r.level)
          : quintileOf.get(r.problem)!,
    );
    const treeIds = Object.keys(tree.curves).filter(isTreeStrategy);
    const searched = tree.problems < report.overall.problems ? ` · first ${tree.problems}` : '';
    const series = [
      ...(perBin[0]?.series.map((s) => ({ id: s.id, label: s.label, color: s.color })) ?? []),
      ...treeIds.map((id) => ({
        id: `tree:${id}`,
        label: `${TREE_STRATEGIES[id as TreeStrategyId].label}${searched}`,
        color: TREE_COLORS[id as TreeStrategyId],
      })),
    ];
    const rows = perBin.map(({ bin, series: ss }) => ({
      bin: e.bins === 'level' ? `L${bin.bin.replace(/^level-?/, '')}` : bin.bin,
      problems: bin.problems,
      ...Object.fromEntries(ss.map((s) => [s.id, pointAt(s, e.budget)?.accuracy ?? null])),
      ...Object.fromEntries(
        treeIds.map((id) => [`tree:${id}`, byTree[id]?.[bin.bin]?.accuracy ?? null]),
      ),
    }));
    return { rows, series };
  }, [report, pool, experiment, e.bins, e.strategies, e.axis, e.budget, parameters, tree]);

  if (!report) return <p className="empty">Accuracy per difficulty bin appears with the curves.</p>;
  return (
    <div className="difficulty">
      <div className="difficulty-chart">
        <div className="row">
          <span>Bins</span>
          <select
            value={e.bins}
            onChange={(ev) => set({ bins: ev.target.value as 'level' | 'quintile' })}
            data-testid="bins"
          >
            <option value="level">task level</option>
            <option value="quintile">pass@1 quintile (oracle difficulty)</option>
          </select>
          <span className="meta">at k = {e.budget}</span>
        </div>
        <div
          className="difficulty-figure"
          data-testid="difficulty-chart"
          data-bins={rows.length}
          data-rows={JSON.stringify(rows)}
        >
          <div className="fill">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
                <CartesianGrid strokeDasharray="2 4" stroke="#d5dae3" vertical={false} />
                <XAxis dataKey="bin" />
                <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
                <Tooltip
                  isAnimationActive={false}
                  formatter={(v, name) => [
                    v === null ? '—' : `${(Number(v) * 100).toFixed(1)}%`,
                    name,
                  ]}
                />
                {series.map((s) => (
                  <Bar
                    key={s.id}
                    dataKey={s.id}
                    name={s.label}
                    fill={s.color}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      </div>
      <ProblemList />
    </div>
  );
}

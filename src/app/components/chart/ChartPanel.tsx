import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelMemory } from '../../../runtime/modelConfig';
import { modelMemory } from '../../pool/modelParameters';
import { axisContext, chartSeries, pointAt, treeSeries } from '../../curves/chartData';
import { computeOptimalSeries } from '../../curves/computeOptimal';
import { useComputeOptimal } from '../../curves/useComputeOptimal';
import { useAppStore } from '../../store';
import { AccuracyChart } from './AccuracyChart';
import { BudgetMarker } from './BudgetMarker';
import { BudgetSlider } from './BudgetSlider';
import { logTicks } from './format';
import { ExportMenu } from './ExportMenu';
import { StrategyLegend } from './StrategyLegend';

/** Centre of the page: the budget slider, the curves, and every strategy's accuracy at the budget. */
export function ChartPanel() {
  const curves = useAppStore((s) => s.curves);
  const e = useAppStore((s) => s.experiment);
  const parameters = useAppStore((s) => s.pool.parameters);
  const status = useAppStore((s) => s.pool.status);
  const tree = useAppStore((s) => s.treeCurves);
  const figure = useRef<HTMLDivElement>(null);
  const { report, pool } = curves;
  // The memory-traffic axis multiplies by the policy's weight and KV bytes (from its config.json).
  const policyId = pool?.models.find((m) => m.role === 'policy')?.id ?? null;
  const [memory, setMemory] = useState<{ id: string; facts: ModelMemory | null } | null>(null);
  useEffect(() => {
    if (e.axis !== 'memory' || !policyId || memory?.id === policyId) return;
    let live = true;
    void modelMemory(policyId).then((facts) => live && setMemory({ id: policyId, facts }));
    return () => {
      live = false;
    };
  }, [e.axis, policyId, memory?.id]);
  const policyMemory = memory?.id === policyId ? memory.facts : null;
  const co = useComputeOptimal();
  // Series depend on the report and display settings, not on the budget: the slider re-renders only
  // the marker and the legend.
  const series = useMemo(() => {
    if (!report || !pool || !curves.experiment) return [];
    const ctx = { ...axisContext(pool, parameters), policyMemory };
    // Say when the tree curves cover other problems than the pool's, or drew with another policy
    // (whose size, not the pool policy's, prices their FLOPs; its memory facts are not read).
    const problems =
      tree.source.kind === 'file'
        ? `${tree.problems} problems (${tree.source.name})`
        : tree.problems < report.overall.problems
          ? `first ${tree.problems} problems`
          : '';
    const scope = [tree.policy?.id, problems].filter(Boolean).join(' · ');
    const treeCtx = tree.policy
      ? { ...ctx, policyParams: tree.policy.parameters, policyMemory: null }
      : ctx;
    const pooled = chartSeries(
      report,
      { ...curves.experiment, strategies: e.strategies, axis: e.axis },
      ctx,
    );
    return [
      // Two policies on one chart: each line names its own.
      ...(tree.policy && policyId
        ? pooled.map((s) => (s.key === 'oracle' ? s : { ...s, label: `${s.label} · ${policyId}` }))
        : pooled),
      ...treeSeries(tree.curves, e.axis, treeCtx, scope),
      ...(co && typeof co !== 'string' ? [computeOptimalSeries(co, e.coBins, report.ks)] : []),
    ];
  }, [
    report,
    pool,
    curves.experiment,
    e.strategies,
    e.axis,
    e.coBins,
    parameters,
    tree,
    co,
    policyMemory,
    policyId,
  ]);
  const ticks = useMemo(() => {
    const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter((x) => x > 0);
    return logTicks(Math.min(...xs), Math.max(...xs), e.axis === 'samples');
  }, [series, e.axis]);
  const oracle = series.find((s) => s.key === 'oracle');
  const marker = oracle ? (pointAt(oracle, e.budget)?.x ?? null) : null;

  if (!report) {
    return (
      <div className="chart-empty">
        <BudgetSlider />
        <p className="empty" data-testid="chart-empty">
          {status === 'running'
            ? 'Drawing samples… the curves appear after the first problem.'
            : curves.status === 'error'
              ? `Could not compute the curves: ${curves.error}`
              : 'Press Run (or pick a preset) to draw a pool of samples.'}
        </p>
      </div>
    );
  }
  return (
    <div className="chart-panel">
      <div className="chart-head">
        <BudgetSlider />
        <ExportMenu figure={figure} series={series} />
      </div>
      <div
        className="chart-figure"
        ref={figure}
        data-testid="chart"
        data-problems={report.overall.problems}
        data-ks={report.ks.join(',')}
        aria-label={`Accuracy against ${e.axis}, ${series.length} lines`}
        role="img"
      >
        <div className="fill">
          <AccuracyChart
            series={series}
            axis={e.axis}
            ticks={ticks}
            fit={e.fit ? report.coverageFit : null}
          />
          <BudgetMarker x={marker} lo={ticks[0]!} hi={ticks.at(-1)!} />
        </div>
      </div>
      <StrategyLegend
        series={series}
        budget={e.budget}
        problems={report.overall.problems}
        scoring={curves.status === 'scoring'}
      />
      {typeof co === 'string' && (
        <p className="status" data-testid="co-message">
          {co}
        </p>
      )}
    </div>
  );
}

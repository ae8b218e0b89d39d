import { PLOT } from './AccuracyChart';

/**
 * The current budget as a vertical line over the chart, positioned on the same log axis. Drawn apart
 * from recharts so a slider move repaints one element, not the whole chart.
 */
export function BudgetMarker({ x, lo, hi }: { x: number | null; lo: number; hi: number }) {
  if (x === null || !(x > 0) || !(hi > lo)) return null;
  const f = (Math.log(x) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
  if (f < 0 || f > 1) return null;
  return (
    <div
      className="budget-marker"
      data-testid="budget-marker"
      aria-hidden
      style={{
        left: `calc(${PLOT.left}px + (100% - ${PLOT.left + PLOT.right}px) * ${f})`,
        top: PLOT.top,
        bottom: PLOT.bottom,
      }}
    />
  );
}

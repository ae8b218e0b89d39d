/**
 * The page's compute-optimal result for the report on screen (null when it is off or there is no
 * report; a string when it cannot be drawn, saying why): the chart's line and the bottom tab's table.
 */
import { useMemo } from 'react';
import { useAppStore } from '../store';
import { pageComputeOptimal, type PageComputeOptimal } from './computeOptimal';

export function useComputeOptimal(): PageComputeOptimal | string | null {
  const e = useAppStore((s) => s.experiment);
  const curves = useAppStore((s) => s.curves);
  const { report, pool, experiment } = curves;
  const { computeOptimal, strategies, axis, coBins, coSplit } = e;
  return useMemo(() => {
    if (!computeOptimal || !report || !pool || !experiment) return null;
    try {
      return pageComputeOptimal(report, pool, { ...experiment, strategies, axis, coBins, coSplit });
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }, [computeOptimal, strategies, axis, coBins, coSplit, report, pool, experiment]);
}

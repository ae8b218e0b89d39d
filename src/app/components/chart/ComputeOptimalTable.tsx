import { resultFor } from '../../curves/computeOptimal';
import { useComputeOptimal } from '../../curves/useComputeOptimal';
import { useAppStore } from '../../store';

const pct = (x: number | null | undefined) => (x == null ? '—' : `${(100 * x).toFixed(1)}%`);
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const UNIT = { samples: 'samples', generatedTokens: 'generated tokens', totalTokens: 'tokens' };

/**
 * Beside the chart: per budget, the compute-optimal accuracy against the baseline's, the budget at
 * which the compute-optimal curve reaches the baseline (the paper's "compute saved"), and the setting
 * chosen in each difficulty bin (two choices when the two folds differ). Everything as text.
 */
export function ComputeOptimalTable() {
  const co = useComputeOptimal();
  const bins = useAppStore((s) => s.experiment.coBins);
  if (co === null)
    return <p className="empty">Check Compute-optimal curve (Chart) once the curves are drawn.</p>;
  if (typeof co === 'string') return <p className="status">{co}</p>;
  const r = resultFor(co, bins);
  const binIds = [...new Set(r.choices.map((c) => c.bin))];
  const unit = UNIT[co.report.unit];
  return (
    <div className="co-table" data-testid="co-table">
      <p>
        Compute-optimal scaling (Snell et al.): per {bins} difficulty bin, the best shown strategy
        and budget within each budget, chosen on one half of the problems (split seed{' '}
        {co.report.seed}) and measured on the other, against {co.baselineLabel}.
      </p>
      <table>
        <thead>
          <tr>
            <th>Budget ({unit})</th>
            <th>Compute-optimal</th>
            <th>{co.baselineLabel}</th>
            <th>Reaches {co.baselineLabel} at (saving)</th>
            {binIds.map((b) => (
              <th key={b}>{b}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.points.map((p) => {
            const saved = r.saved.find((s) => s.budget === p.budget);
            return (
              <tr key={p.budget} data-testid="co-row" data-budget={p.budget}>
                <td>{num(p.budget)}</td>
                <td data-testid="co-accuracy">{pct(p.accuracy)}</td>
                <td>{pct(p.baseline)}</td>
                <td data-testid="co-saved">
                  {saved?.reachedAt == null
                    ? 'never'
                    : `${num(saved.reachedAt)} (${saved.factor!.toFixed(2)}×)`}
                </td>
                {binIds.map((b) => {
                  const c = r.choices.find((x) => x.bin === b && x.budget === p.budget)!.chosen;
                  return (
                    <td key={b}>
                      {c[0] === c[1] ? (c[0] ?? '—') : `${c[0] ?? '—'} / ${c[1] ?? '—'}`}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

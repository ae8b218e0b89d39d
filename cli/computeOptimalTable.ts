/**
 * `ttc score --compute-optimal`'s table on stdout (markdown): per budget, the compute-optimal
 * accuracy beside best-of-N's, the compute saved, and the strategy chosen per difficulty bin.
 */
import type { ComputeOptimalResult } from '../src/core/metrics/computeOptimal';
import type { ComputeOptimalReport } from '../src/core/metrics/computeOptimalReport';

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** "a / b" when the two folds chose differently, else the one choice. */
const choice = (c: [string | null, string | null]) =>
  c[0] === c[1] ? (c[0] ?? '—') : `${c[0] ?? '—'} / ${c[1] ?? '—'}`;

function section(title: string, r: ComputeOptimalResult, unit: string): string {
  const bins = [...new Set(r.choices.map((c) => c.bin))];
  const head = [
    `budget (${unit})`,
    'compute-optimal',
    'best-of-N',
    'reaches it at',
    'saved',
    ...bins,
  ];
  const rows = r.points.map((p) => {
    const saved = r.saved.find((s) => s.budget === p.budget);
    const chosen = bins.map((b) =>
      choice(r.choices.find((c) => c.bin === b && c.budget === p.budget)!.chosen),
    );
    return [
      num(p.budget),
      pct(p.accuracy),
      pct(p.baseline),
      saved?.reachedAt == null ? '—' : num(saved.reachedAt),
      saved?.factor == null ? 'never' : `${saved.factor.toFixed(2)}×`,
      ...chosen,
    ];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [`### ${title}`, '', line(head), line(head.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

export function computeOptimalTable(r: ComputeOptimalReport): string {
  const parts = [
    `## Compute-optimal scaling against ${r.baseline} (two-fold, split seed ${r.seed})`,
    '',
    section('Oracle difficulty (pass@1 quintiles)', r.oracle, r.unit),
  ];
  if (r.predicted)
    parts.push(
      '',
      section(
        `Predicted difficulty (quintiles of ${r.verifier}'s mean score)`,
        r.predicted,
        r.unit,
      ),
    );
  return parts.join('\n');
}

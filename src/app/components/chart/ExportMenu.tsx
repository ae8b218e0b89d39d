import { useState, type RefObject } from 'react';
import type { Series } from '../../curves/chartData';
import { chartPng, chartSvg } from '../../export/chartImage';
import { seriesCsv } from '../../export/csv';
import { makeBundle } from '../../export/bundle';
import { download } from '../../export/download';
import { useAppStore } from '../../store';

/**
 * Chart as PNG / SVG, curves as CSV / JSON, the scored pool in the format `ttc score` reads, and the
 * whole experiment as a bundle (settings, pool, tree runs, trace) to reopen without recomputing.
 */
export function ExportMenu({
  figure,
  series,
}: {
  figure: RefObject<HTMLDivElement | null>;
  series: Series[];
}) {
  const curves = useAppStore((s) => s.curves);
  const axis = useAppStore((s) => s.experiment.axis);
  const [error, setError] = useState<string | null>(null);
  const stamp = `ttc-${curves.pool?.task.id ?? 'experiment'}-seed${curves.pool?.seed ?? 0}`;
  const svg = () => (figure.current ? chartSvg(figure.current) : null);

  const items: [string, string, () => Promise<void> | void][] = [
    [
      'PNG',
      'export-png',
      async () => {
        const text = svg();
        const box = figure.current?.querySelector('svg')?.getBoundingClientRect();
        if (!text || !box) throw new Error('the chart is not drawn yet');
        download(`${stamp}.png`, await chartPng(text, box.width, box.height));
      },
    ],
    [
      'SVG',
      'export-svg',
      () => {
        const text = svg();
        if (!text) throw new Error('the chart is not drawn yet');
        download(`${stamp}.svg`, text, 'image/svg+xml');
      },
    ],
    [
      'CSV',
      'export-csv',
      () => download(`${stamp}-curves.csv`, seriesCsv(series, axis), 'text/csv'),
    ],
    [
      'Curves JSON',
      'export-curves',
      () => download(`${stamp}-curves.json`, JSON.stringify(curves.report, null, 1)),
    ],
    ['Pool JSON', 'export-pool', () => download(`${stamp}-pool.json`, JSON.stringify(curves.pool))],
    [
      'Bundle',
      'export-bundle',
      () => {
        const { experiment, treeCurves, search } = useAppStore.getState();
        if (!curves.pool) throw new Error('no pool yet');
        const bundle = makeBundle(
          experiment,
          curves.pool,
          treeCurves.runs,
          search.result?.trace ?? null,
        );
        download(`${stamp}-bundle.json`, JSON.stringify(bundle));
      },
    ],
  ];
  return (
    <div className="export" role="group" aria-label="Export">
      <span className="meta">Export</span>
      {items.map(([label, testId, run]) => (
        <button
          key={testId}
          data-testid={testId}
          onClick={() => {
            setError(null);
            Promise.resolve()
              .then(run)
              .catch((e: unknown) =>
                setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`),
              );
          }}
        >
          {label}
        </button>
      ))}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

import { pointAt, type Series } from '../../curves/chartData';

/** Each strategy's accuracy at the current budget (with its 95% interval): the chart's numbers as text. */
export function StrategyLegend(props: {
  series: Series[];
  budget: number;
  problems: number;
  scoring: boolean;
}) {
  return (
    <table className="legend" data-testid="legend" aria-label={`Accuracy at k = ${props.budget}`}>
      <caption>
        At k = {props.budget}, over {props.problems} problems{props.scoring ? ' (updating…)' : ''}
      </caption>
      <tbody>
        {props.series.map((s) => {
          const p = pointAt(s, props.budget);
          return (
            <tr
              key={s.id}
              data-testid={`legend-${s.id}`}
              data-accuracy={p?.accuracy ?? ''}
              data-x={p?.x ?? ''}
            >
              <td title={s.label}>
                <span className="swatch" style={{ background: s.color }} aria-hidden />
                {s.label}
              </td>
              <td className="num">{p ? `${(p.accuracy * 100).toFixed(1)}%` : '—'}</td>
              <td className="num meta">
                {p ? `${(p.band[0] * 100).toFixed(0)}–${(p.band[1] * 100).toFixed(0)}%` : s.missing}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

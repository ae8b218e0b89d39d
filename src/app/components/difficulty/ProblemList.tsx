import { useMemo, useState } from 'react';
import { useAppStore } from '../../store';

type SortKey = 'index' | 'pass1' | 'level';

/** Every scored problem with its pass@1; sortable; a click selects the problem. */
export function ProblemList() {
  const report = useAppStore((s) => s.curves.report);
  const problems = useAppStore((s) => s.pool.problems);
  const selected = useAppStore((s) => s.experiment.problem);
  const set = useAppStore((s) => s.setExperiment);
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'pass1', asc: true });

  const rows = useMemo(() => {
    const index = new Map(problems.map((p, i) => [p.id, i]));
    const list = (report?.problems ?? []).map((p) => ({ ...p, index: index.get(p.id) ?? -1 }));
    const dir = sort.asc ? 1 : -1;
    return list.sort((a, b) => dir * (a[sort.key] - b[sort.key]) || a.index - b.index);
  }, [report, problems, sort]);

  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button
        onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })}
        data-testid={`sort-${key}`}
      >
        {label}
        {sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  return (
    <div className="problem-list">
      <table data-testid="problem-list">
        <thead>
          <tr>
            {header('index', '#')}
            {header('level', 'Level')}
            {header('pass1', 'pass@1')}
            <th>Correct</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className={r.index === selected ? 'selected' : ''}
              data-testid="problem-row"
              data-pass1={r.pass1}
            >
              <td>
                <button
                  onClick={() => r.index >= 0 && set({ problem: r.index })}
                  aria-label={`Select problem ${r.index + 1}`}
                >
                  {r.index + 1}
                </button>
              </td>
              <td>{r.level}</td>
              <td className="num">{(r.pass1 * 100).toFixed(0)}%</td>
              <td className="num">
                {r.correct}/{r.n}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

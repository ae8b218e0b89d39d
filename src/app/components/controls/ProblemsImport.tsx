import { useState } from 'react';
import { getTask } from '../../../core/tasks';
import { parseProblemsJsonl, type JsonlResult } from '../../../core/tasks/problemsJsonl';
import { importedProblems, setImportedProblems } from '../../experiment/problemSource';
import { LEVELS } from '../../experiment/settings';
import { useAppStore } from '../../store';
import { FileButton } from '../FileButton';

const MAX_SHOWN_ERRORS = 20;

/**
 * Bring your own problems: paste or open JSON Lines (`{"question": "(2+3)*4", "answer": "20"}` per
 * line, optional `id` and `difficulty`). Bad lines are listed with their number and reason; good
 * lines are kept and become the experiment's problems (Run draws their samples).
 */
export function ProblemsImport() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const [text, setText] = useState('');
  const [name, setName] = useState('pasted problems');
  const [result, setResult] = useState<JsonlResult | null>(null);
  const held = importedProblems();

  const read = (t: string, n: string) => {
    setText(t);
    setName(n);
    setResult(parseProblemsJsonl(t, getTask(e.task)));
  };
  const use = () => {
    if (!result || result.problems.length === 0) return;
    const custom = setImportedProblems(name, result.problems);
    // The set's own levels (problems brought without one have level 0, which no link can name).
    const levels = [...new Set(result.problems.map((p) => p.level))]
      .filter((l) => (LEVELS as readonly number[]).includes(l))
      .sort((a, b) => a - b);
    set({
      custom,
      problems: result.problems.length,
      ...(levels.length > 0 ? { levels } : {}),
      problem: 0,
    });
  };

  return (
    <details className="problems-import" data-testid="problems-import">
      <summary>
        {e.custom !== null && held?.hash === e.custom
          ? `Your problems: ${held.name} (${held.problems.length})`
          : 'Bring your own problems…'}
      </summary>
      <p className="hint">
        One JSON object per line: {'{"question": "(2+3)*4", "answer": "20"}'}, optional{' '}
        <code>id</code> and <code>difficulty</code> (1–5). Operations apply left to right, as in the
        task.
      </p>
      <textarea
        rows={4}
        value={text}
        aria-label="Problems as JSON Lines"
        data-testid="problems-jsonl"
        onChange={(ev) => read(ev.target.value, 'pasted problems')}
      />
      <div className="row">
        <FileButton
          label="Open .jsonl…"
          accept=".jsonl,.json,.txt,application/jsonl"
          testId="problems-file"
          onText={read}
        />
        <button
          type="button"
          className="primary"
          data-testid="problems-use"
          disabled={!result || result.problems.length === 0}
          onClick={use}
        >
          Use {result?.problems.length ?? 0} problems
        </button>
        {e.custom !== null && (
          <button type="button" onClick={() => set({ custom: null })}>
            Back to generated
          </button>
        )}
      </div>
      {result && result.errors.length > 0 && (
        <ul className="jsonl-errors" data-testid="problems-errors" role="alert">
          {result.errors.slice(0, MAX_SHOWN_ERRORS).map((err) => (
            <li key={err.line}>
              {err.line > 0 ? `Line ${err.line}: ` : ''}
              {err.reason}
            </li>
          ))}
          {result.errors.length > MAX_SHOWN_ERRORS && (
            <li>… and {result.errors.length - MAX_SHOWN_ERRORS} more</li>
          )}
        </ul>
      )}
    </details>
  );
}

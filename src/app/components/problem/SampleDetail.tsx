import { useAppStore } from '../../store';
import { MathText } from '../math/MathText';

/**
 * One sample, step by step: the verifier's step score, the policy's lowest token log-prob in the step,
 * and the exact checker's verdict. A step the verifier rates ≥ 0.5 but the checker rejects is a false
 * positive; below 0.5 but correct, a false negative.
 */
export function SampleDetail({ entryId, index }: { entryId: string; index: number }) {
  const scored = useAppStore((s) => s.curves.pool?.problems.find((p) => p.problem.id === entryId));
  const working = useAppStore((s) => s.pool.entries.find((p) => p?.problem.id === entryId));
  const verifier = useAppStore((s) => s.curves.pool?.verifiers[0]?.id ?? null);
  const sample = scored?.samples[index];
  if (!sample) return null;
  const confidence = working?.samples[index]?.scores['policy-confidence'];
  const vs = verifier ? sample.scores[verifier] : undefined;
  return (
    <div className="sample-detail" data-testid="sample-detail">
      <h3>
        Sample #{index}: {sample.correct ? 'correct' : 'wrong'} · answer {sample.answer ?? '(none)'}
      </h3>
      <table>
        <thead>
          <tr>
            <th>Step</th>
            <th>Checker</th>
            {vs && <th>Verifier</th>}
            <th>Min log-prob</th>
          </tr>
        </thead>
        <tbody>
          {sample.steps.map((text, i) => {
            // null: nothing checked this step (free text) — no verdict, no false positive to flag.
            const ok = sample.stepCorrect === null ? null : sample.stepCorrect[i];
            const score = vs?.steps[i];
            const flag =
              score === undefined || ok === null || ok === undefined
                ? ''
                : score >= 0.5 && !ok
                  ? 'false positive'
                  : score < 0.5 && ok
                    ? 'false negative'
                    : '';
            const conf = confidence?.steps[i];
            return (
              <tr key={i} className={flag ? 'flagged' : ''} data-testid="step-row" data-flag={flag}>
                <td className="step-text">
                  <MathText text={text} />
                </td>
                {ok === null || ok === undefined ? (
                  <td className="unknown" title="nothing checks the steps of free text">
                    —
                  </td>
                ) : (
                  <td className={ok ? 'right' : 'wrong'}>{ok ? '✓' : '✗'}</td>
                )}
                {vs && (
                  <td className="num">
                    {score === undefined ? '—' : score.toFixed(3)}
                    {flag && <span className="flag"> {flag}</span>}
                  </td>
                )}
                <td className="num">{conf === undefined ? '—' : Math.log(conf).toFixed(2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary>Raw completion</summary>
        <pre data-testid="sample-text">{sample.text}</pre>
      </details>
    </div>
  );
}

import { STEP_DELIMITERS, taskWith } from '../../../core/tasks';
import { ruleInput } from '../../../core/verifiers/rules/input';
import { ruleReadText } from '../../../core/verifiers/rules/readText';
import { useReadingRule } from '../../experiment/useReadingRule';
import { useAppStore } from '../../store';
import { MathText } from '../math/MathText';

/**
 * One sample, step by step: the verifier's step score, the policy's lowest token log-prob in the step,
 * and the exact checker's verdict. A step the verifier rates ≥ 0.5 but the checker rejects is a false
 * positive; below 0.5 but correct, a false negative. A verifier read by a rule shows what it read
 * (the tagged text of a step-tag PRM, a judge's prompt).
 */
export function SampleDetail({ entryId, index }: { entryId: string; index: number }) {
  const scored = useAppStore((s) => s.curves.pool?.problems.find((p) => p.problem.id === entryId));
  const working = useAppStore((s) => s.pool.entries.find((p) => p?.problem.id === entryId));
  const verifier = useAppStore((s) => s.curves.pool?.verifiers[0]?.id ?? null);
  const experiment = useAppStore((s) => s.curves.experiment);
  const rule = useReadingRule(experiment);
  const sample = scored?.samples[index];
  if (!sample) return null;
  const read =
    rule && experiment && scored
      ? ruleReadText(
          rule,
          scored.problem.question,
          ruleInput(
            taskWith(experiment.task, STEP_DELIMITERS[experiment.steps]),
            scored.problem,
            [sample.text],
            [true],
          ).solutions[0]!.steps,
        )
      : null;
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
      {read !== null && (
        <details open>
          <summary>What the verifier read</summary>
          <pre data-testid="verifier-read">{read}</pre>
        </details>
      )}
      <details>
        <summary>Raw completion</summary>
        <pre data-testid="sample-text">{sample.text}</pre>
      </details>
    </div>
  );
}

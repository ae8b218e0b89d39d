import type { VoteBar } from '../../problem/votes';
import { useAppStore } from '../../store';

interface Pick {
  id: string;
  label: string;
  answer: string | null;
}

/** Answers among the first k samples as bars (counts, and verifier mass), the truth and each pick marked. */
export function VoteDistribution(props: {
  bars: VoteBar[];
  picks: Pick[];
  k: number;
  weighted: boolean;
}) {
  const selected = useAppStore((s) => s.selectedAnswer);
  const select = useAppStore((s) => s.selectAnswer);
  const maxCount = Math.max(1, ...props.bars.map((b) => b.count));
  const maxMass = Math.max(1e-9, ...props.bars.map((b) => b.mass));
  return (
    <figure className="votes" data-testid="votes" data-k={props.k}>
      <figcaption>
        Answers in the first {props.k} samples
        {props.weighted ? ' · bar = votes, thin bar = verifier-weighted mass' : ''}
      </figcaption>
      <ol>
        {props.bars.map((b) => {
          const pickedBy = props.picks.filter((p) => p.answer === b.answer && b.answer !== null);
          const label = b.answer ?? 'no answer';
          return (
            <li key={label}>
              <button
                className={`vote ${b.correct ? 'correct' : ''} ${selected === b.answer ? 'selected' : ''}`}
                aria-pressed={selected === b.answer}
                onClick={() => select(selected === b.answer ? null : b.answer)}
                data-testid="vote-bar"
                data-count={b.count}
                data-answer={label}
              >
                <span className="vote-answer" title={label}>
                  {label}
                  {b.correct ? ' ✓' : ''}
                </span>
                <span className="vote-track">
                  <span className="vote-fill" style={{ width: `${(100 * b.count) / maxCount}%` }} />
                  {props.weighted && (
                    <span className="vote-mass" style={{ width: `${(100 * b.mass) / maxMass}%` }} />
                  )}
                </span>
                <span className="vote-count">{b.count}</span>
              </button>
              {pickedBy.length > 0 && (
                <span className="picks" data-testid="picks">
                  ← {pickedBy.map((p) => p.label).join(', ')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

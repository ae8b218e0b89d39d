import type { PoolEntry } from '../../../core/types';
import type { VoteBar } from '../../problem/votes';
import { useAppStore } from '../../store';

/** The samples behind one answer bar; opening one shows its steps. Text renders as text. */
export function SampleList({ entry, bar }: { entry: PoolEntry; bar: VoteBar }) {
  const open = useAppStore((s) => s.openSample);
  const setOpen = useAppStore((s) => s.setOpenSample);
  return (
    <div className="sample-list" data-testid="sample-list">
      <h3>
        {bar.count} sample{bar.count === 1 ? '' : 's'} answering {bar.answer ?? '(none)'}
      </h3>
      <ul>
        {bar.samples.map((i) => {
          const s = entry.samples[i]!;
          return (
            <li key={i}>
              <button
                className={`sample ${s.correct ? 'right' : 'wrong'} ${open === i ? 'selected' : ''}`}
                onClick={() => setOpen(open === i ? null : i)}
                data-testid="sample"
              >
                #{i} · {s.tokens ?? '?'} tokens · mean log-prob{' '}
                {s.meanLogprob === null ? 'not available' : s.meanLogprob.toFixed(2)}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

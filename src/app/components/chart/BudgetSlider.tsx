import { MAX_SAMPLES } from '../../experiment/settings';
import { useAppStore } from '../../store';

const MAX_EXP = Math.log2(MAX_SAMPLES);

/** The budget k, in powers of two. Moving it only looks curves up; past the pool it offers to grow it. */
export function BudgetSlider() {
  const budget = useAppStore((s) => s.experiment.budget);
  const n = useAppStore((s) => s.curves.report?.ks.at(-1) ?? null);
  const set = useAppStore((s) => s.setExperiment);
  const exp = Math.log2(budget);
  return (
    <div className="budget">
      <label htmlFor="budget-slider">
        Budget <b data-testid="budget-value">k = {budget}</b>
      </label>
      <input
        id="budget-slider"
        type="range"
        min={0}
        max={MAX_EXP}
        step={1}
        value={exp}
        data-testid="budget"
        aria-valuetext={`${budget} samples`}
        aria-keyshortcuts="ArrowLeft ArrowRight"
        onChange={(e) => set({ budget: 2 ** Number(e.target.value) })}
      />
      <span className="ticks" aria-hidden>
        {Array.from({ length: MAX_EXP + 1 }, (_, i) => (
          <span key={i} className={2 ** i === budget ? 'on' : ''}>
            {2 ** i}
          </span>
        ))}
      </span>
      {n !== null && budget > n && (
        <p className="hint" data-testid="budget-beyond">
          The pool has {n} samples per problem: press Run to draw up to {budget}.
        </p>
      )}
    </div>
  );
}

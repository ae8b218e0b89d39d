import { useState } from 'react';
import { PRESETS } from '../../experiment/presets';
import { resolveBackend, useAppStore } from '../../store';

/** One click sets up a phenomenon and runs it; its caption says what to look at. */
export function Presets() {
  const [active, setActive] = useState<string | null>(null);
  const set = useAppStore((s) => s.setExperiment);
  const run = useAppStore((s) => s.runPool);
  const offered = useAppStore((s) => s.backend);
  const preset = PRESETS.find((p) => p.id === active);

  return (
    <fieldset className="presets">
      <legend>Presets</legend>
      <div className="preset-buttons">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            className={p.id === active ? 'active' : ''}
            aria-pressed={p.id === active}
            data-testid={`preset-${p.id}`}
            disabled={!offered}
            onClick={() => {
              setActive(p.id);
              set(p.settings);
              const e = useAppStore.getState().experiment;
              void run(e, resolveBackend(e.backend, offered));
            }}
          >
            {p.title}
          </button>
        ))}
      </div>
      {preset && (
        <p className="caption" data-testid="preset-caption">
          {preset.caption}
        </p>
      )}
    </fieldset>
  );
}

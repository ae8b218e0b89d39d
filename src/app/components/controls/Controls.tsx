import { ESTIMATORS } from '../../../core/metrics/estimate';
import {
  COMPUTE_AXES,
  LEVELS,
  MAX_PROBLEMS,
  NEEDS_VERIFIER,
  STRATEGY_KEYS,
  STRATEGY_LABELS,
  toggleStrategy,
  VERIFIER_LABELS,
  type Experiment,
  type StrategyKey,
  type VerifierChoice,
} from '../../experiment/settings';
import { useAppStore } from '../../store';
import { NumberField } from './NumberField';
import { Presets } from './Presets';
import { RunBar } from './RunBar';

/** The experiment's settings. Changing what the samples depend on marks the pool stale (RunBar). */
export function Controls() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const offered = useAppStore((s) => s.backend);

  const toggleLevel = (l: number) => {
    const levels = e.levels.includes(l) ? e.levels.filter((x) => x !== l) : [...e.levels, l].sort();
    if (levels.length) set({ levels });
  };
  const toggle = (k: StrategyKey) => set({ strategies: toggleStrategy(e.strategies, k) });

  return (
    <div className="controls">
      <RunBar />
      <Presets />
      <fieldset>
        <legend>Problems</legend>
        <label className="row">
          Task
          <select value={e.task} disabled aria-label="Task">
            <option value="arith">arith (multi-step arithmetic)</option>
          </select>
        </label>
        <div className="row" role="group" aria-label="Difficulty levels">
          Levels
          {LEVELS.map((l) => (
            <label key={l} className="chip">
              <input
                type="checkbox"
                checked={e.levels.includes(l)}
                onChange={() => toggleLevel(l)}
                data-testid={`level-${l}`}
              />
              {l}
            </label>
          ))}
        </div>
        <NumberField
          label="Problems"
          value={e.problems}
          min={1}
          max={MAX_PROBLEMS}
          onChange={(problems) => set({ problems })}
          testId="problems"
        />
        <NumberField
          label="Seed"
          value={e.seed}
          min={0}
          max={2 ** 32 - 1}
          onChange={(seed) => set({ seed })}
          testId="seed"
        />
      </fieldset>

      <fieldset>
        <legend>Models</legend>
        <label className="row">
          Policy
          <select value={e.policy} onChange={(ev) => set({ policy: ev.target.value })}>
            <option value="arith-policy">arith-policy (built-in, 0.8M)</option>
          </select>
        </label>
        <label className="row">
          Verifier
          <select
            value={e.verifier}
            data-testid="verifier"
            onChange={(ev) => set({ verifier: ev.target.value as VerifierChoice })}
          >
            {(Object.keys(VERIFIER_LABELS) as VerifierChoice[]).map((v) => (
              <option key={v} value={v}>
                {VERIFIER_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
        {e.verifier === 'noisy-oracle' && <NoisyOracle e={e} set={set} />}
        <label className="row">
          Temperature
          <input
            type="text"
            inputMode="decimal"
            defaultValue={e.temperatures.join(', ')}
            key={e.temperatures.join(',')}
            aria-describedby="temp-help"
            onBlur={(ev) => {
              const ts = ev.target.value.split(',').map((t) => Number(t.trim()));
              if (ts.length <= 4 && ts.every((t) => t > 0 && t <= 2))
                set({ temperatures: [...new Set(ts)] });
              else ev.target.value = e.temperatures.join(', ');
            }}
          />
        </label>
        <p id="temp-help" className="hint">
          One, or up to four pooled (e.g. 0.6, 1.0).
        </p>
        <label className="row">
          Backend
          <select
            value={e.backend}
            data-testid="backend"
            onChange={(ev) => set({ backend: ev.target.value as Experiment['backend'] })}
          >
            <option value="auto">auto</option>
            <option value="wasm">WASM</option>
            <option value="webgpu" disabled={offered?.kind !== 'webgpu'}>
              WebGPU
            </option>
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>Strategies</legend>
        {STRATEGY_KEYS.map((k, i) => {
          const blocked = NEEDS_VERIFIER.has(k) && e.verifier === 'none';
          return (
            <label key={k} className="check" title={blocked ? 'needs a verifier' : undefined}>
              <input
                type="checkbox"
                checked={e.strategies.includes(k)}
                disabled={blocked}
                onChange={() => toggle(k)}
                data-testid={`strategy-${k}`}
                aria-keyshortcuts={String(i + 1)}
              />
              {STRATEGY_LABELS[k]}
            </label>
          );
        })}
      </fieldset>

      <fieldset>
        <legend>Chart</legend>
        <label className="row">
          Compute axis
          <select
            value={e.axis}
            data-testid="axis"
            onChange={(ev) => set({ axis: ev.target.value as Experiment['axis'] })}
          >
            {(Object.keys(COMPUTE_AXES) as Experiment['axis'][]).map((a) => (
              <option key={a} value={a}>
                {COMPUTE_AXES[a]}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          Estimator
          <select
            value={e.estimator}
            data-testid="estimator"
            onChange={(ev) => set({ estimator: ev.target.value as Experiment['estimator'] })}
          >
            {ESTIMATORS.map((x) => (
              <option key={x} value={x}>
                {x === 'subsample' ? 'subsets of the pool (unbiased)' : 'first k samples'}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={e.fit} onChange={() => set({ fit: !e.fit })} />
          Power-law fit of coverage
        </label>
      </fieldset>
    </div>
  );
}

function NoisyOracle({ e, set }: { e: Experiment; set: (p: Partial<Experiment>) => void }) {
  const slider = (label: string, key: keyof Experiment['noisy'], testId: string) => (
    <label className="row slider">
      {label}
      <input
        type="range"
        min={0}
        max={0.5}
        step={0.05}
        value={e.noisy[key]}
        data-testid={testId}
        onChange={(ev) => set({ noisy: { ...e.noisy, [key]: Number(ev.target.value) } })}
      />
      <output>{e.noisy[key].toFixed(2)}</output>
    </label>
  );
  return (
    <div className="noisy">
      {slider('False positives', 'falsePositive', 'noisy-fp')}
      {slider('False negatives', 'falseNegative', 'noisy-fn')}
      {slider('Score noise', 'noise', 'noisy-noise')}
    </div>
  );
}

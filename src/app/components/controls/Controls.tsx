import type { Estimator } from '../../../core/metrics/estimate';
import { getTask, type StepDelimiterName } from '../../../core/tasks';
import {
  COMPUTE_AXES,
  LEVELS,
  MAX_PROBLEMS,
  MAX_TOKEN_LIMIT,
  NEEDS_VERIFIER,
  STRATEGY_KEYS,
  STRATEGY_LABELS,
  toggleStrategy,
  VERIFIER_LABELS,
  type Experiment,
  type StrategyKey,
} from '../../experiment/settings';
import { PRM_AGGREGATION_LABELS, stepOnlyVerifier } from '../../experiment/verifierSettings';
import { useAppStore } from '../../store';
import { PolicyPicker } from '../hub/PolicyPicker';
import { RemoteServerFields } from '../remote/RemoteServerFields';
import { HubVerifierFields, VerifierRuleFields } from './VerifierRuleFields';
import { ChoiceField } from './ChoiceField';
import { NumberField } from './NumberField';
import { Presets } from './Presets';
import { ProblemsImport } from './ProblemsImport';
import { RunBar } from './RunBar';
import { StorageField } from './StorageField';
import { TreeCurvesField } from './TreeCurvesField';

const BACKEND_LABELS: Record<Experiment['backend'], string> = {
  auto: 'auto',
  wasm: 'WASM',
  webgpu: 'WebGPU',
};

/** Where free-text steps split: what search steps, step scores and the sample view's rows follow. */
const STEP_LABELS: Record<StepDelimiterName, string> = {
  blank: 'at a blank line',
  line: 'at every line',
};

const ESTIMATOR_LABELS: Record<Estimator, string> = {
  subsample: 'subsets of the pool (unbiased)',
  prefix: 'first k samples',
};

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
          <select
            value={e.task}
            aria-label="Task"
            data-testid="task"
            // Another task starts from its own token limit (math writes long free-text solutions).
            onChange={(ev) =>
              set({ task: ev.target.value, maxTokens: getTask(ev.target.value).maxTokens })
            }
          >
            <option value="arith">arith (multi-step arithmetic)</option>
            <option value="math">math (word problems, free text)</option>
          </select>
        </label>
        {getTask(e.task).withStepDelimiter && (
          <ChoiceField
            label="Steps split"
            value={e.steps}
            options={STEP_LABELS}
            onChange={(steps) => set({ steps })}
            testId="steps"
          />
        )}
        <div className="row" role="group" aria-label="Difficulty levels">
          Levels
          {LEVELS.map((l) => (
            <label key={l} className="chip">
              <input
                type="checkbox"
                checked={e.levels.includes(l)}
                disabled={e.custom !== null}
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
        <ProblemsImport />
      </fieldset>

      <fieldset>
        <legend>Models</legend>
        <PolicyPicker />
        <ChoiceField
          label="Verifier"
          value={e.verifier}
          options={VERIFIER_LABELS}
          onChange={(verifier) =>
            set(
              verifier === 'hub' && e.verifierRule === 'generative'
                ? { verifier, verifierRule: 'judge' }
                : { verifier },
            )
          }
          testId="verifier"
        />
        {e.verifier === 'noisy-oracle' && <NoisyOracle e={e} set={set} />}
        {e.verifier === 'remote' && (
          <>
            <RemoteServerFields role="verifier" />
            <VerifierRuleFields generative />
          </>
        )}
        {e.verifier === 'hub' && <HubVerifierFields />}
        {stepOnlyVerifier(e) && (
          <ChoiceField
            label="PRM aggregation"
            value={e.prmAggregation}
            options={PRM_AGGREGATION_LABELS}
            onChange={(prmAggregation) => set({ prmAggregation })}
            testId="prm-aggregation"
          />
        )}
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
        <NumberField
          label="Token limit"
          value={e.maxTokens}
          min={1}
          max={MAX_TOKEN_LIMIT}
          onChange={(maxTokens) => set({ maxTokens })}
          testId="max-tokens"
        />
        <ChoiceField
          label="Backend"
          value={e.backend}
          options={BACKEND_LABELS}
          onChange={(backend) => set({ backend })}
          testId="backend"
          disabled={(b) => b === 'webgpu' && offered?.kind !== 'webgpu'}
        />
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

      <TreeCurvesField />

      <fieldset>
        <legend>Chart</legend>
        <ChoiceField
          label="Compute axis"
          value={e.axis}
          options={COMPUTE_AXES}
          onChange={(axis) => set({ axis })}
          testId="axis"
        />
        <ChoiceField
          label="Estimator"
          value={e.estimator}
          options={ESTIMATOR_LABELS}
          onChange={(estimator) => set({ estimator })}
          testId="estimator"
        />
        <label className="check">
          <input type="checkbox" checked={e.fit} onChange={() => set({ fit: !e.fit })} />
          Power-law fit of coverage
        </label>
        {getTask(e.task).checksSteps && (
          <label className="check" title="The picked sample's answer right and every step right">
            <input
              type="checkbox"
              checked={e.process}
              onChange={() => set({ process: !e.process })}
              data-testid="process"
            />
            Process-correct curves (right answer for right reasons)
          </label>
        )}
        <label
          className="check"
          title="Snell et al.: per difficulty bin, the best of the shown strategies and budgets within each budget"
        >
          <input
            type="checkbox"
            checked={e.computeOptimal}
            onChange={() => set({ computeOptimal: !e.computeOptimal })}
            data-testid="compute-optimal"
          />
          Compute-optimal curve
        </label>
        {e.computeOptimal && (
          <>
            <ChoiceField
              label="Difficulty bins"
              value={e.coBins}
              options={{
                oracle: 'Oracle (pass@1 quintiles)',
                predicted: 'Predicted (verifier score quintiles)',
              }}
              onChange={(coBins) => set({ coBins })}
              testId="co-bins"
            />
            <NumberField
              label="Split seed"
              value={e.coSplit}
              min={0}
              max={2 ** 32 - 1}
              onChange={(coSplit) => set({ coSplit })}
              testId="co-split"
            />
          </>
        )}
      </fieldset>

      <StorageField />
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

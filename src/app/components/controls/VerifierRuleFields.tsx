import { checkModelId } from '../../../runtime/hub/resolve';
import { RULE_LABELS } from '../../../core/verifiers/rules';
import { MAX_SYSTEM_PROMPT, type Experiment, type VerifierRule } from '../../experiment/settings';
import { isBuiltinPolicy } from '../../experiment/settings';
import { defaultPrompt, rulePrompt } from '../../experiment/verifierSettings';
import { useAppStore } from '../../store';
import { useState } from 'react';

const RULES: Record<VerifierRule, string> = {
  generative: 'Generative (the built-in verifiers’ rule)',
  ...RULE_LABELS,
};

/** How a verifier model is read: the rule, and its prompt for the judge and critique rules. */
export function VerifierRuleFields({ generative }: { generative: boolean }) {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const rules = (Object.keys(RULES) as VerifierRule[]).filter(
    (r) => generative || r !== 'generative',
  );
  const prompt = rulePrompt(e);
  return (
    <>
      <label className="row">
        Rule
        <select
          value={e.verifierRule}
          data-testid="verifier-rule"
          onChange={(ev) => set({ verifierRule: ev.target.value as VerifierRule })}
        >
          {rules.map((r) => (
            <option key={r} value={r}>
              {RULES[r]}
            </option>
          ))}
        </select>
      </label>
      {prompt !== null && (
        <label className="column">
          {e.verifierRule === 'critique' ? 'Critique prompt' : 'Judge prompt'} ({'{question}'},{' '}
          {'{solution}'})
          <textarea
            rows={4}
            spellCheck={false}
            maxLength={MAX_SYSTEM_PROMPT}
            defaultValue={prompt}
            key={`${e.verifierRule}:${prompt}`}
            data-testid="verifier-prompt"
            onBlur={(ev) => {
              const v = ev.target.value;
              // The rule's default is stored as the default, so the link stays short.
              if (v.includes('{solution}'))
                set({ verifierPrompt: v === defaultPrompt(e.verifierRule) ? null : v });
            }}
          />
        </label>
      )}
    </>
  );
}

/** A hub model read by a rule: its id (the policy's by default), then the rule. */
export function HubVerifierFields() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const policyIsHub = !isBuiltinPolicy(e.policy) && e.remote === null;
  const use = (id: string) => {
    const why = checkModelId(id);
    setError(why);
    if (!why) set({ verifierModel: id, ...ruleFor(e) });
  };
  return (
    <div className="hub-verifier" data-testid="hub-verifier">
      <div className="row">
        <input
          type="text"
          aria-label="Verifier hub model id"
          placeholder="org/name"
          spellCheck={false}
          value={draft ?? e.verifierModel}
          data-testid="verifier-hub-id"
          onChange={(ev) => setDraft(ev.target.value)}
          onKeyDown={(ev) => ev.key === 'Enter' && use((draft ?? e.verifierModel).trim())}
        />
        <button
          type="button"
          data-testid="verifier-hub-use"
          onClick={() => use((draft ?? e.verifierModel).trim())}
        >
          Use
        </button>
        {policyIsHub && (
          <button
            type="button"
            data-testid="verifier-hub-policy"
            onClick={() => (setDraft(null), use(e.policy))}
          >
            The policy itself
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <VerifierRuleFields generative={false} />
    </div>
  );
}

/** A hub model is read by a rule: the generative rule reads only the built-ins' format. */
const ruleFor = (e: Experiment): Partial<Experiment> =>
  e.verifierRule === 'generative' ? { verifierRule: 'judge' } : {};

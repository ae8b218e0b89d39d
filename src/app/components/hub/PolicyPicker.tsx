import { useState } from 'react';
import { getTask } from '../../../core/tasks';
import { checkModelId } from '../../../runtime/hub/resolve';
import { isBuiltinPolicy, POLICIES } from '../../experiment/settings';
import { CURATED_MODELS } from '../../hub/curated';
import { useAppStore } from '../../store';
import { RemoteServerFields } from '../remote/RemoteServerFields';
import { HubModelFields } from './HubModelFields';

const OTHER = '__other__';
const REMOTE = '__remote__';
const BUILTIN_LABELS: Record<(typeof POLICIES)[number], string> = {
  'arith-policy': 'arith-policy (built-in, 0.8M)',
  'arith-policy-small': 'arith-policy-small (built-in, 0.19M)',
};

/** The policy: a built-in, a curated hub model, any hub model id typed in, or a remote server's. */
export function PolicyPicker() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const onServer = e.remote !== null;
  const [remote, setRemote] = useState(false);
  const typed =
    !onServer && !isBuiltinPolicy(e.policy) && !CURATED_MODELS.some((m) => m.id === e.policy);
  // "Other hub model…" chosen, before an id is in use (a typed id in use shows it by itself).
  const [other, setOther] = useState(false);
  const typing = typed || other;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Hub models are picked for free-text math; arith's format is the built-in policy's own (a hub
  // model may still be run on it: the task menu stays free).
  const choose = (policy: string) =>
    set(
      !isBuiltinPolicy(policy) && e.task === 'arith'
        ? { policy, remote: null, task: 'math', maxTokens: getTask('math').maxTokens }
        : { policy, remote: null },
    );
  const use = () => {
    const id = (draft ?? (typed ? e.policy : '')).trim();
    const why = checkModelId(id);
    setError(why);
    if (!why) choose(id);
  };
  const value = onServer || remote ? REMOTE : typing ? OTHER : e.policy;

  return (
    <>
      <label className="row">
        Policy
        <select
          value={value}
          data-testid="policy"
          onChange={(ev) => {
            const v = ev.target.value;
            setOther(v === OTHER);
            setRemote(v === REMOTE);
            setDraft(null);
            setError(null);
            if (v !== OTHER && v !== REMOTE) choose(v);
          }}
        >
          {POLICIES.map((p) => (
            <option key={p} value={p}>
              {BUILTIN_LABELS[p]}
            </option>
          ))}
          <optgroup label="Hugging Face Hub">
            {CURATED_MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} ({m.note})
              </option>
            ))}
            <option value={OTHER}>Other hub model…</option>
          </optgroup>
          <optgroup label="Serving engine">
            <option value={REMOTE}>Remote server (vLLM, SGLang, ttc serve)…</option>
          </optgroup>
        </select>
      </label>
      {(onServer || remote) && <RemoteServerFields role="policy" />}
      {typing && !onServer && !remote && (
        <div className="row">
          <input
            type="text"
            aria-label="Hub model id"
            placeholder="org/name"
            spellCheck={false}
            value={draft ?? (typed ? e.policy : '')}
            data-testid="hub-model-id"
            onChange={(ev) => setDraft(ev.target.value)}
            onKeyDown={(ev) => ev.key === 'Enter' && use()}
          />
          <button type="button" onClick={use} data-testid="hub-model-use">
            Use
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="hub-model-error">
          {error}
        </p>
      )}
      {!isBuiltinPolicy(e.policy) && !onServer && !remote && <HubModelFields />}
    </>
  );
}

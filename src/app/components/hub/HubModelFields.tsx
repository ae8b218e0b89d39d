import { useEffect, useState } from 'react';
import {
  F16_DTYPES,
  isRevision,
  MAX_SYSTEM_PROMPT,
  POLICY_DTYPES,
  type PolicyDtype,
} from '../../experiment/settings';
import { hubHost } from '../../hub/hubHost';
import { modelSizes, type DtypeSizes } from '../../hub/modelSizes';
import { defaultSystemPrompt } from '../../hub/policySpec';
import { resolveBackend, useAppStore } from '../../store';
import { DownloadList } from './DownloadList';
import { HubHostField } from './HubHostField';

const size = (bytes: number | null | undefined) =>
  bytes === undefined
    ? ''
    : bytes === null
      ? ' · size unknown'
      : ` · ${bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`}`;

/** A hub policy's dtype (with each one's download size), revision, system prompt and downloads. */
export function HubModelFields() {
  const e = useAppStore((s) => s.experiment);
  const set = useAppStore((s) => s.setExperiment);
  const offered = useAppStore((s) => s.backend);
  const backend = resolveBackend(e.backend, offered);
  const [host, setHost] = useState(hubHost);
  // The sizes answer one (host, model, revision); another shows nothing until its answer comes.
  const asked = JSON.stringify([host, e.policy, e.revision]);
  const [answer, setAnswer] = useState<{ asked: string; sizes?: DtypeSizes; error?: string }>();
  useEffect(() => {
    let live = true;
    modelSizes(host, e.policy, e.revision).then(
      (sizes) => live && setAnswer({ asked, sizes }),
      (err: unknown) =>
        live && setAnswer({ asked, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [asked, host, e.policy, e.revision]);
  const sizes = answer?.asked === asked ? (answer.sizes ?? null) : null;
  const sizeError = answer?.asked === asked ? (answer.error ?? null) : null;

  // WebGPU runs float16 weights only where the adapter has shader-f16 (WASM converts them).
  const noF16 = backend === 'webgpu' && offered?.kind === 'webgpu' && !offered.f16;
  const shown = POLICY_DTYPES.filter(
    (d) => !(noF16 && F16_DTYPES.has(d)) && (!sizes || d in sizes || d === e.dtype),
  );
  const fallback = defaultSystemPrompt(e.task, e.policy);
  const system = e.system ?? fallback;

  return (
    <div className="hub-model" data-testid="hub-model">
      <label className="row">
        Weights
        <select
          value={e.dtype}
          data-testid="dtype"
          onChange={(ev) => set({ dtype: ev.target.value as PolicyDtype })}
        >
          {shown.map((d) => (
            <option key={d} value={d}>
              {d}
              {size(sizes?.[d])}
            </option>
          ))}
        </select>
      </label>
      {noF16 && (
        <p className="hint" data-testid="f16-note">
          q4f16 and fp16 are hidden: this WebGPU adapter ({offered.adapter}) has no shader-f16, so
          it cannot run float16 weights.
        </p>
      )}
      {sizeError && (
        <p className="hint" data-testid="size-error">
          Sizes unavailable: {sizeError}
        </p>
      )}
      <label className="row">
        Revision
        <input
          type="text"
          spellCheck={false}
          defaultValue={e.revision}
          key={e.revision}
          data-testid="revision"
          onBlur={(ev) => {
            const v = ev.target.value.trim();
            if (isRevision(v)) set({ revision: v });
            else ev.target.value = e.revision;
          }}
        />
      </label>
      <label className="column">
        System prompt
        <textarea
          rows={3}
          maxLength={MAX_SYSTEM_PROMPT}
          defaultValue={system}
          key={system}
          placeholder="(none)"
          data-testid="system-prompt"
          onBlur={(ev) => {
            const v = ev.target.value;
            set({ system: v === fallback ? null : v });
          }}
        />
      </label>
      {e.system !== null && (
        <button type="button" onClick={() => set({ system: null })} data-testid="system-default">
          Use the default for this model
        </button>
      )}
      <DownloadList />
      <HubHostField onSaved={setHost} />
    </div>
  );
}

import { resolveBackend, useAppStore } from '../store';
import type { BackendInfo } from '../../runtime/backend';
import type { BackendChoice } from '../experiment/settings';

/** Why the experiment runs where it runs, in one sentence (the badge's second part). */
export function backendReason(choice: BackendChoice, offered: BackendInfo): string {
  const runs = resolveBackend(choice, offered);
  const f16 =
    offered.kind === 'webgpu' && !offered.f16
      ? '; no shader-f16, so float16 weights (q4f16, fp16) cannot run on it'
      : '';
  if (runs === 'webgpu')
    return choice === 'webgpu' && offered.software
      ? `WebGPU, as chosen, on a software adapter (on a CPU, WASM is far faster)${f16}`
      : `WebGPU on ${offered.adapter ?? 'the adapter'}${f16}`;
  if (choice === 'wasm') return 'WASM, as chosen';
  if (offered.kind === 'wasm') return `WASM: ${offered.reason ?? 'no WebGPU'}`;
  return `WASM: the WebGPU adapter is a software one (CPU emulation), on which WASM is far faster${f16}`;
}

/** Which backend this browser offers (WebGPU with the adapter's name, or WASM), and which one runs and why. */
export function BackendBadge() {
  const backend = useAppStore((s) => s.backend);
  const choice = useAppStore((s) => s.experiment.backend);
  if (!backend) {
    return (
      <span className="badge badge-pending" data-testid="backend-badge" data-backend="pending">
        Detecting backend…
      </span>
    );
  }
  const why = `Runs on ${backendReason(choice, backend)}`;
  const runs = (
    <span
      className="meta backend-runs"
      data-testid="backend-runs"
      data-runs={resolveBackend(choice, backend)}
      title={why}
    >
      {why}
    </span>
  );
  if (backend.kind === 'webgpu') {
    return (
      <>
        <span
          className={`badge ${backend.software ? 'badge-software' : 'badge-webgpu'}`}
          data-testid="backend-badge"
          data-backend="webgpu"
          data-f16={backend.f16 ?? false}
          title={
            backend.software
              ? 'A software WebGPU adapter: WASM will usually be faster here.'
              : 'A hardware WebGPU adapter.'
          }
        >
          WebGPU · {backend.adapter}
          {backend.software ? ' (software)' : ''}
        </span>
        {runs}
      </>
    );
  }
  return (
    <>
      <span
        className="badge badge-wasm"
        data-testid="backend-badge"
        data-backend="wasm"
        title={backend.reason}
      >
        WASM
      </span>
      {runs}
    </>
  );
}

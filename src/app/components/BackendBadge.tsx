import { useAppStore } from '../store';

/** Which backend this browser offers: WebGPU with the adapter's name, or WASM and why. */
export function BackendBadge() {
  const backend = useAppStore((s) => s.backend);
  if (!backend) {
    return (
      <span className="badge badge-pending" data-testid="backend-badge" data-backend="pending">
        Detecting backend…
      </span>
    );
  }
  if (backend.kind === 'webgpu') {
    return (
      <span
        className={`badge ${backend.software ? 'badge-software' : 'badge-webgpu'}`}
        data-testid="backend-badge"
        data-backend="webgpu"
        title={
          backend.software
            ? 'A software WebGPU adapter: WASM will usually be faster here.'
            : 'A hardware WebGPU adapter.'
        }
      >
        WebGPU · {backend.adapter}
        {backend.software ? ' (software)' : ''}
      </span>
    );
  }
  return (
    <span
      className="badge badge-wasm"
      data-testid="backend-badge"
      data-backend="wasm"
      title={backend.reason}
    >
      WASM
    </span>
  );
}

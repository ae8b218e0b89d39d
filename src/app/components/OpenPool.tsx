import { useRef } from 'react';
import { useAppStore } from '../store';

/** Opens a pool file (from `ttc sweep` or "Export pool") to show it without recomputing. */
export function OpenPool() {
  const input = useRef<HTMLInputElement>(null);
  const open = useAppStore((s) => s.openPoolText);
  return (
    <>
      <button
        onClick={() => input.current?.click()}
        data-testid="open-pool"
        title="A pool file, or a `ttc sweep --strategy` results file to draw its tree curves; or drop one on the page"
      >
        Open pool…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="pool-file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) open(await file.text(), file.name);
        }}
      />
    </>
  );
}

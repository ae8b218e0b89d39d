import { useAppStore } from '../store';
import { FileButton } from './FileButton';

/** Opens a pool file (from `ttc sweep` or "Export pool"), a bundle or search results, without recomputing. */
export function OpenPool() {
  const open = useAppStore((s) => s.openPoolText);
  return (
    <FileButton
      label="Open pool…"
      accept=".json,application/json"
      testId="pool-file"
      buttonTestId="open-pool"
      title="A pool file, a bundle, or a `ttc sweep --strategy` results file to draw its tree curves; or drop one on the page"
      onText={open}
    />
  );
}

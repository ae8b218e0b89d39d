import type { Backend } from '../../runtime/browserModels';
import type { PoolState } from './poolSlice';

/** Speeds measured for the built-in policy on this class of machine, until a run measures its own. */
const DEFAULT_TOKENS_PER_SECOND: Record<Backend, number> = { wasm: 2500, webgpu: 2500 };
const DEFAULT_TOKENS_PER_SAMPLE = 40;

/** Seconds to draw `samples` more samples, from the held pool's own speed and sample length. */
export function estimateSeconds(pool: PoolState, samples: number, backend: Backend): number {
  let tokens = 0;
  let count = 0;
  for (const e of pool.entries) {
    if (!e) continue;
    tokens += e.samples.reduce((s, x) => s + (x.tokens ?? 0), 0);
    count += e.samples.length;
  }
  const perSample = count ? tokens / count : DEFAULT_TOKENS_PER_SAMPLE;
  const speed =
    pool.backend === backend && pool.lastTokensPerSecond
      ? pool.lastTokensPerSecond
      : DEFAULT_TOKENS_PER_SECOND[backend];
  return (samples * perSample) / speed;
}

export function formatSeconds(s: number): string {
  if (s < 1) return 'under a second';
  if (s < 90) return `${Math.round(s)} s`;
  return `${Math.round(s / 60)} min`;
}

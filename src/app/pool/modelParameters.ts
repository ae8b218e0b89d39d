import { llamaParameters } from '../../runtime/modelConfig';

/** Parameter counts of built-in models, read from their config.json (unknown models are left out). */
export async function modelParameters(ids: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(
    ids.map(async (id) => {
      try {
        const res = await fetch(`/models/${encodeURIComponent(id)}/config.json`);
        if (res.ok) out[id] = llamaParameters((await res.json()) as Record<string, unknown>);
      } catch {
        // Not a built-in model: the FLOPs axis is unavailable for it, nothing else is.
      }
    }),
  );
  return out;
}

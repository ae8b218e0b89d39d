import { llamaMemory, llamaParameters, type ModelMemory } from '../../runtime/modelConfig';

/** The models this app ships under /models/. */
export const BUILT_IN_MODELS = [
  'arith-policy',
  'arith-policy-small',
  'arith-verifier',
  'arith-verifier-weak',
  'arith-prm',
];

/** Parameter counts of built-in models, read from their config.json (other models are left out). */
export async function modelParameters(ids: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(
    ids
      .filter((id) => BUILT_IN_MODELS.includes(id))
      .map(async (id) => {
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

const memoryCache = new Map<string, Promise<ModelMemory | null>>();

/**
 * Memory facts of a built-in model (fp32 weights and KV cache, as they ship and run), for the memory
 * traffic axis; null for other models (the axis says it is not available for them).
 */
export function modelMemory(id: string): Promise<ModelMemory | null> {
  if (!BUILT_IN_MODELS.includes(id)) return Promise.resolve(null);
  let p = memoryCache.get(id);
  if (!p) {
    p = fetch(`/models/${encodeURIComponent(id)}/config.json`)
      .then(async (res) =>
        res.ok ? llamaMemory((await res.json()) as Record<string, unknown>, 4, 4) : null,
      )
      .catch(() => null);
    memoryCache.set(id, p);
    // A failed read is tried again next time, not remembered.
    void p.then((m) => m === null && memoryCache.delete(id));
  }
  return p;
}

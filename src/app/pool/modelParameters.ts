import { llamaParameters } from '../../runtime/modelConfig';

/** The models this app ships under /models/. */
export const BUILT_IN_MODELS = [
  'arith-policy',
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

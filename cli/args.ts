/** Small argument helpers shared by the CLI commands: every bad value gets a message, not a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function intArg(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return v;
}

export function listArg(name: string, raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--${name} must be a comma-separated list of numbers, got "${raw}"`);
  }
  return values;
}

export function choiceArg<T extends string>(
  name: string,
  raw: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** `FP,FN[,NOISE]` → noisy-oracle rates. */
export function noisyArg(raw: string, seed: number) {
  const [fp, fn, noise = 0] = listArg('noisy-oracle', raw) ?? [];
  const ok = (x: number | undefined) => x !== undefined && x >= 0 && x <= 1;
  if (!ok(fp) || !ok(fn) || noise < 0) {
    throw new UsageError(`--noisy-oracle takes FP,FN[,NOISE] with rates in [0, 1], got "${raw}"`);
  }
  return { falsePositive: fp!, falseNegative: fn!, noise, seed };
}

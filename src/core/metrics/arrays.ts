/** Typed arrays joined end to end, in order. */
export function concat<T extends Float64Array | Uint8Array>(
  parts: readonly T[],
  Type: new (n: number) => T,
): T {
  const out = new Type(parts.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of parts) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

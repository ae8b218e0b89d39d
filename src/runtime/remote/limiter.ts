/** At most `limit` tasks at once (requests in flight to one server), first come first served. */
export function limiter(limit: number) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('a concurrency limit is ≥ 1');
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export type Limiter = ReturnType<typeof limiter>;

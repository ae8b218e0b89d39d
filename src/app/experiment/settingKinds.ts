/**
 * The kinds of setting the experiment table (`table.ts`) is built from: what a setting is, and the
 * shapes most take — one URL key with a parser and a formatter, a whole number, a choice, a list of
 * known names, a 0/1 switch. Each reads a link's text into a value or a specific reason it cannot.
 */
import type { Experiment } from './settings';

export type Determines = 'samples' | 'extent' | 'scores' | 'curves' | 'search' | 'view';

/** One value a link gave that was not used, and why. */
export interface Ignored {
  key: string;
  raw: string;
  why: string;
}

/** What a link says about one setting: its new value (if any usable) and what was ignored. */
export interface Read<T> {
  value?: T;
  ignored: Ignored[];
}

export type Parsed<T> = { value: T } | { error: string };

export interface Setting<K extends keyof Experiment> {
  /** The URL keys the setting reads and writes (most have one; the noisy oracle has three). */
  url: readonly string[];
  determines: readonly Determines[];
  /** The value an experiment starts with (the token limit depends on the task). */
  initial(e: Experiment): Experiment[K];
  /** What a cache key holds for it, when not the value itself (levels do not matter for custom sets). */
  key?(e: Experiment): unknown;
  /**
   * What the link says: `get(key)` is the raw text of one of `url` (null when absent). Settings are
   * read in table order (the token limit after the task), `e` holding what was read so far.
   */
  read(get: (key: string) => string | null, e: Experiment): Read<Experiment[K]>;
  /** The URL parameters for `v`, or none when `v` is the default for `e`. */
  write(v: Experiment[K], e: Experiment): [string, string][];
}

const isPow2 = (x: number) => Number.isInteger(x) && x >= 1 && (x & (x - 1)) === 0;
const show = (raw: string) => JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + '…' : raw);
export const has = (options: readonly string[], v: string) => options.includes(v);

/** A setting with one URL key whose text is `format(value)`, written when it differs from the default. */
export function single<K extends keyof Experiment>(
  key: string,
  determines: readonly Determines[],
  initial: (e: Experiment) => Experiment[K],
  parse: (raw: string) => Parsed<Experiment[K]>,
  format: (v: Experiment[K]) => string,
): Setting<K> {
  return {
    url: [key],
    determines,
    initial,
    read: (get) => {
      const raw = get(key);
      if (raw === null) return { ignored: [] };
      const p = parse(raw);
      return 'error' in p
        ? { ignored: [{ key, raw, why: p.error }] }
        : { value: p.value, ignored: [] };
    },
    write: (v, e) => (format(v) === format(initial(e)) ? [] : [[key, format(v)]]),
  };
}

export function integer(lo: number, hi: number, check?: (v: number) => string | null) {
  return (raw: string): Parsed<number> => {
    const v = Number(raw);
    if (!/^\d+$/.test(raw) || v < lo || v > hi)
      return { error: `expected a whole number from ${lo} to ${hi}` };
    const why = check?.(v);
    return why ? { error: why } : { value: v };
  };
}
export const powerOfTwo = (v: number) => (isPow2(v) ? null : 'expected a power of two');

export function choice<T extends string>(options: readonly T[]) {
  return (raw: string): Parsed<T> =>
    has(options, raw) ? { value: raw as T } : { error: `expected one of ${options.join(', ')}` };
}

/** A list of known names: unknown ones are reported, the known ones still apply. */
export function nameList<K extends keyof Experiment>(
  key: string,
  determines: readonly Determines[],
  initial: () => Experiment[K],
  all: readonly string[],
  what: string,
): Setting<K> {
  return {
    url: [key],
    determines,
    initial,
    read: (get) => {
      const raw = get(key);
      if (raw === null) return { ignored: [] };
      const list = raw === '' ? [] : raw.split(',');
      const unknown = list.filter((s) => !has(all, s));
      const value = all.filter((s) => list.includes(s)) as Experiment[K];
      const why = `unknown ${what} ${unknown.map(show).join(', ')}`;
      return { value, ignored: unknown.length ? [{ key, raw, why }] : [] };
    },
    write: (v) => {
      const text = (v as string[]).join(',');
      return text === (initial() as string[]).join(',') ? [] : [[key, text]];
    },
  };
}

export const bool = <K extends 'fit' | 'talk' | 'process' | 'treeFirstWave' | 'computeOptimal'>(
  key: string,
  determines: readonly Determines[],
  initial: boolean,
) =>
  single<K>(
    key,
    determines,
    () => initial,
    (raw) =>
      raw === '1' || raw === '0' ? { value: raw === '1' } : { error: 'expected one of 0, 1' },
    (v) => (v ? '1' : '0'),
  );

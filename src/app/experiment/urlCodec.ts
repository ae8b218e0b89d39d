/**
 * The experiment in the URL's query string: readable keys, only what differs from the defaults, and a
 * version. Parsing never throws: a bad value falls back to its default with a specific message.
 */
import { ESTIMATORS } from '../../core/metrics/estimate';
import { isTreeStrategy, TREE_STRATEGIES, type TreeStrategyId } from '../../core/search';
import {
  COMPUTE_AXES,
  DEFAULT_EXPERIMENT,
  LEVELS,
  MAX_PROBLEMS,
  MAX_SAMPLES,
  MAX_TREE_N,
  MAX_TREE_SEEDS,
  PANELS,
  type PanelId,
  STRATEGY_KEYS,
  VERIFIER_LABELS,
  type Experiment,
  type StrategyKey,
} from './settings';

export const URL_VERSION = 1;
/** Longer query strings are not read at all (a hostile link cannot make the page parse megabytes). */
export const MAX_QUERY_LENGTH = 4096;

export interface Parsed {
  experiment: Experiment;
  messages: string[];
}

const isPow2 = (x: number) => Number.isInteger(x) && x >= 1 && (x & (x - 1)) === 0;
const show = (raw: string) => JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + '…' : raw);

function levelsText(levels: readonly number[]): string {
  const sorted = [...levels].sort((a, b) => a - b);
  const contiguous = sorted.every((l, i) => i === 0 || l === sorted[i - 1]! + 1);
  return contiguous && sorted.length > 1 ? `${sorted[0]}-${sorted.at(-1)}` : sorted.join(',');
}

function parseLevels(raw: string): number[] | null {
  const range = /^([1-5])-([1-5])$/.exec(raw);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    return a <= b ? LEVELS.filter((l) => l >= a && l <= b) : null;
  }
  const list = raw.split(',').map(Number);
  if (list.some((l) => !LEVELS.includes(l as 1))) return null;
  return [...new Set(list)].sort((a, b) => a - b);
}

export function parseExperiment(search: string): Parsed {
  const messages: string[] = [];
  const e: Experiment = structuredClone(DEFAULT_EXPERIMENT);
  if (search.length > MAX_QUERY_LENGTH) {
    return {
      experiment: e,
      messages: [
        `The link's settings are too long (${search.length} characters); defaults are shown.`,
      ],
    };
  }
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    return {
      experiment: e,
      messages: ["The link's settings could not be read; defaults are shown."],
    };
  }
  const bad = (key: string, raw: string, why: string) =>
    messages.push(`Ignored ${key}=${show(raw)}: ${why}.`);
  const int = (
    key: string,
    lo: number,
    hi: number,
    apply: (v: number) => void,
    check?: (v: number) => string | null,
  ) => {
    const raw = q.get(key);
    if (raw === null) return;
    const v = Number(raw);
    if (!/^\d+$/.test(raw) || v < lo || v > hi)
      return bad(key, raw, `expected a whole number from ${lo} to ${hi}`);
    const why = check?.(v);
    if (why) return bad(key, raw, why);
    apply(v);
  };
  const prob = (key: string, apply: (v: number) => void) => {
    const raw = q.get(key);
    if (raw === null) return;
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1)
      return bad(key, raw, 'expected a number from 0 to 1');
    apply(v);
  };
  const choice = <T extends string>(key: string, options: readonly T[], apply: (v: T) => void) => {
    const raw = q.get(key);
    if (raw === null) return;
    if (!(options as readonly string[]).includes(raw))
      return bad(key, raw, `expected one of ${options.join(', ')}`);
    apply(raw as T);
  };

  const version = q.get('v');
  if (version !== null && version !== String(URL_VERSION)) {
    messages.push(
      `This link was made by settings version ${show(version)}; this page reads version ${URL_VERSION}, so some settings may differ.`,
    );
  }
  const levels = q.get('levels');
  if (levels !== null) {
    const parsed = parseLevels(levels);
    if (parsed) e.levels = parsed;
    else bad('levels', levels, 'expected levels 1–5 as a list (1,3) or a range (1-3)');
  }
  int('problems', 1, MAX_PROBLEMS, (v) => (e.problems = v));
  int(
    'n',
    1,
    MAX_SAMPLES,
    (v) => (e.n = v),
    (v) => (isPow2(v) ? null : 'expected a power of two'),
  );
  int('seed', 0, 2 ** 32 - 1, (v) => (e.seed = v));
  choice(
    'verifier',
    Object.keys(VERIFIER_LABELS) as Experiment['verifier'][],
    (v) => (e.verifier = v),
  );
  prob('fp', (v) => (e.noisy.falsePositive = v));
  prob('fn', (v) => (e.noisy.falseNegative = v));
  prob('noise', (v) => (e.noisy.noise = v));
  const temp = q.get('temp');
  if (temp !== null) {
    const ts = temp.split(',').map(Number);
    if (ts.length > 4 || ts.some((t) => !Number.isFinite(t) || t <= 0 || t > 2)) {
      bad('temp', temp, 'expected up to 4 temperatures in (0, 2]');
    } else e.temperatures = [...new Set(ts)];
  }
  const strategies = q.get('s');
  if (strategies !== null) {
    const list = strategies === '' ? [] : strategies.split(',');
    const unknown = list.filter((s) => !STRATEGY_KEYS.includes(s as StrategyKey));
    if (unknown.length) bad('s', strategies, `unknown strategies ${unknown.map(show).join(', ')}`);
    e.strategies = STRATEGY_KEYS.filter((s) => list.includes(s));
  }
  choice('est', ESTIMATORS, (v) => (e.estimator = v));
  choice('axis', Object.keys(COMPUTE_AXES) as Experiment['axis'][], (v) => (e.axis = v));
  int(
    'k',
    1,
    MAX_SAMPLES,
    (v) => (e.budget = v),
    (v) => (isPow2(v) ? null : 'expected a power of two'),
  );
  choice('backend', ['auto', 'wasm', 'webgpu'] as const, (v) => (e.backend = v));
  int('p', 0, MAX_PROBLEMS - 1, (v) => (e.problem = v));
  choice('bins', ['level', 'quintile'] as const, (v) => (e.bins = v));
  choice('fit', ['0', '1'] as const, (v) => (e.fit = v === '1'));
  choice('tree', Object.keys(TREE_STRATEGIES) as TreeStrategyId[], (v) => (e.tree = v));
  int(
    'tn',
    1,
    MAX_TREE_N,
    (v) => (e.treeN = v),
    (v) => (isPow2(v) ? null : 'expected a power of two'),
  );
  int('tm', 1, MAX_TREE_N, (v) => (e.treeM = v));
  const tc = q.get('tc');
  if (tc !== null) {
    const list = tc === '' ? [] : tc.split(',');
    const unknown = list.filter((s) => !isTreeStrategy(s));
    if (unknown.length) bad('tc', tc, `unknown tree strategies ${unknown.map(show).join(', ')}`);
    e.treeCurves = (Object.keys(TREE_STRATEGIES) as TreeStrategyId[]).filter((s) =>
      list.includes(s),
    );
  }
  int('tseeds', 1, MAX_TREE_SEEDS, (v) => (e.treeSeeds = v));
  const hide = q.get('hide');
  if (hide !== null) {
    const list = hide === '' ? [] : hide.split(',');
    const panels = Object.keys(PANELS) as PanelId[];
    const unknown = list.filter((p) => !panels.includes(p as PanelId));
    if (unknown.length) bad('hide', hide, `unknown panels ${unknown.map(show).join(', ')}`);
    e.hide = panels.filter((p) => list.includes(p));
  }
  choice('talk', ['0', '1'] as const, (v) => (e.talk = v === '1'));
  const custom = q.get('custom');
  if (custom !== null) {
    if (/^[0-9a-f]{8}$/.test(custom)) e.custom = custom;
    else bad('custom', custom, 'expected the 8-digit hash of an imported problem set');
  }
  if (e.problem >= e.problems) e.problem = 0;
  return { experiment: e, messages };
}

/** Only the settings that differ from the defaults, in a fixed order; always the version. */
export function serializeExperiment(e: Experiment): string {
  const d = DEFAULT_EXPERIMENT;
  const q = new URLSearchParams();
  const put = (key: string, v: string, dv: string) => v !== dv && q.set(key, v);
  put('levels', levelsText(e.levels), levelsText(d.levels));
  put('problems', String(e.problems), String(d.problems));
  put('n', String(e.n), String(d.n));
  put('seed', String(e.seed), String(d.seed));
  put('verifier', e.verifier, d.verifier);
  if (e.verifier === 'noisy-oracle') {
    q.set('fp', String(e.noisy.falsePositive));
    q.set('fn', String(e.noisy.falseNegative));
    if (e.noisy.noise) q.set('noise', String(e.noisy.noise));
  }
  put('temp', e.temperatures.join(','), d.temperatures.join(','));
  put('s', e.strategies.join(','), d.strategies.join(','));
  put('est', e.estimator, d.estimator);
  put('axis', e.axis, d.axis);
  put('k', String(e.budget), String(d.budget));
  put('backend', e.backend, d.backend);
  put('p', String(e.problem), String(d.problem));
  put('bins', e.bins, d.bins);
  put('fit', e.fit ? '1' : '0', d.fit ? '1' : '0');
  put('tree', e.tree, d.tree);
  put('tn', String(e.treeN), String(d.treeN));
  put('tm', String(e.treeM), String(d.treeM));
  put('tc', e.treeCurves.join(','), d.treeCurves.join(','));
  put('tseeds', String(e.treeSeeds), String(d.treeSeeds));
  put('hide', e.hide.join(','), d.hide.join(','));
  put('talk', e.talk ? '1' : '0', d.talk ? '1' : '0');
  if (e.custom !== null) q.set('custom', e.custom);
  q.set('v', String(URL_VERSION));
  return q.toString().replaceAll('%2C', ',');
}

/**
 * The experiment table (TensorFlow Playground's `state.ts` idiom): every setting declared once, with
 * its default, its URL keys, how a link's text becomes its value (or a specific reason it cannot),
 * how the value is written back, and what it determines. The URL codec (both directions), the cache
 * keys of stored results and the "Run needed" logic all read this table; adding a setting is one
 * entry here (TypeScript refuses a field of `Experiment` without one).
 *
 * `determines` says what a change invalidates:
 * - `samples`: the pool itself (a different setting draws different samples);
 * - `extent`: how much of the pool is wanted (problem i and sample j never depend on the counts, so
 *   one pool serves them all: more draws only the new ones);
 * - `scores`: how the pool is scored (the verifier and its parameters; samples are kept);
 * - `curves`: how the scored pool becomes curves (estimator, the strategies scored);
 * - `search`: the tree-search runs (their own policy calls, seeded per run);
 * - `view`: nothing computed — only what is shown.
 */
import { ESTIMATORS } from '../../core/metrics/estimate';
import { FINAL_SELECTIONS, TREE_STRATEGIES, type TreeStrategyId } from '../../core/search';
import { getTask, isTask, STEP_DELIMITERS, TASKS, type StepDelimiterName } from '../../core/tasks';
import { checkModelId } from '../../runtime/hub/resolve';
import { remoteUsesChat, systemPrompt } from '../hub/policySpec';
import { isServedName, isServerUrl, SERVER_URL_ERROR } from '../remote/serverUrl';
import { VERIFIER_MODEL_SETTINGS } from './verifierSettings';
import {
  bool,
  choice,
  has,
  integer,
  nameList,
  powerOfTwo,
  single,
  type Determines,
  type Ignored,
  type Parsed,
  type Setting,
} from './settingKinds';
import {
  COMPUTE_AXES,
  LEVELS,
  MAX_PROBLEMS,
  MAX_SAMPLES,
  MAX_TOKEN_LIMIT,
  MAX_TREE_N,
  MAX_SYSTEM_PROMPT,
  MAX_TREE_SEEDS,
  PANELS,
  POLICIES,
  POLICY_DTYPES,
  isBuiltinPolicy,
  isRevision,
  STRATEGY_KEYS,
  VERIFIER_LABELS,
  type Experiment,
  type PanelId,
  type StrategyKey,
} from './settings';

export type { Determines, Ignored, Read, Setting } from './settingKinds';

function levelsText(levels: readonly number[]): string {
  const sorted = [...levels].sort((a, b) => a - b);
  const contiguous = sorted.every((l, i) => i === 0 || l === sorted[i - 1]! + 1);
  return contiguous && sorted.length > 1 ? `${sorted[0]}-${sorted.at(-1)}` : sorted.join(',');
}

function parseLevels(raw: string): Parsed<number[]> {
  const error = 'expected levels 1–5 as a list (1,3) or a range (1-3)';
  const range = /^([1-5])-([1-5])$/.exec(raw);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    return a <= b ? { value: LEVELS.filter((l) => l >= a && l <= b) } : { error };
  }
  const list = raw.split(',').map(Number);
  if (list.some((l) => !LEVELS.includes(l as 1))) return { error };
  return { value: [...new Set(list)].sort((a, b) => a - b) };
}

function parseProbability(raw: string): Parsed<number> {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1)
    return { error: 'expected a number from 0 to 1' };
  return { value: v };
}

const TREES = Object.keys(TREE_STRATEGIES) as TreeStrategyId[];
/** A hub model run in this page: the only policy its dtype, revision and system prompt apply to. */
const inPageHub = (e: Experiment) => !isBuiltinPolicy(e.policy) && e.remote === null;
const NOISY_KEYS = ['fp', 'fn', 'noise'] as const;
const NOISY_FIELDS = { fp: 'falsePositive', fn: 'falseNegative', noise: 'noise' } as const;

/** Every setting, in the order links are read and written. */
export const SETTINGS: { readonly [K in keyof Experiment]: Setting<K> } = {
  task: single(
    'task',
    ['samples', 'search'],
    () => 'arith',
    (raw) =>
      isTask(raw)
        ? { value: raw }
        : { error: `expected a registered task (${Object.keys(TASKS).join(', ')})` },
    (v) => v,
  ),
  levels: {
    ...single<'levels'>('levels', ['samples'], () => [1, 2, 3], parseLevels, levelsText),
    key: (e) => (e.custom === null ? e.levels : null),
  },
  problems: single('problems', ['extent'], () => 30, integer(1, MAX_PROBLEMS), String),
  n: single('n', ['extent'], () => 64, integer(1, MAX_SAMPLES, powerOfTwo), String),
  seed: single('seed', ['samples', 'search'], () => 0, integer(0, 2 ** 32 - 1), String),
  remote: {
    url: ['remote'],
    determines: ['samples', 'search'],
    initial: () => null,
    read: (get) => {
      const raw = get('remote');
      if (raw === null) return { ignored: [] };
      return isServerUrl(raw)
        ? { value: raw, ignored: [] }
        : { ignored: [{ key: 'remote', raw, why: SERVER_URL_ERROR }] };
    },
    write: (v) => (v === null ? [] : [['remote', v]]),
  },
  // On a server the policy is whatever name it serves; in the page, a built-in or a hub model.
  policy: {
    ...single<'policy'>(
      'policy',
      ['samples', 'search'],
      () => 'arith-policy',
      (raw) => ({ value: raw }),
      (v) => v,
    ),
    read: (get, e) => {
      const raw = get('policy');
      if (raw === null) return { ignored: [] };
      const ok =
        e.remote !== null ? isServedName(raw) : has(POLICIES, raw) || checkModelId(raw) === null;
      if (ok) return { value: raw, ignored: [] };
      const why =
        e.remote !== null
          ? 'expected the name the server serves the model under'
          : `expected a built-in policy (${POLICIES.join(', ')}) or a hub model id (org/name)`;
      return { ignored: [{ key: 'policy', raw, why }] };
    },
  },
  // The hub-model settings name nothing a built-in or remote policy draws with: its keys ignore them.
  dtype: {
    ...single<'dtype'>(
      'dtype',
      ['samples', 'search'],
      () => 'q4',
      choice(POLICY_DTYPES),
      (v) => v,
    ),
    key: (e) => (inPageHub(e) ? e.dtype : null),
  },
  revision: {
    ...single<'revision'>(
      'rev',
      ['samples', 'search'],
      () => 'main',
      (raw) =>
        isRevision(raw)
          ? { value: raw }
          : { error: 'expected a branch, tag or commit of the model' },
      (v) => v,
    ),
    key: (e) => (inPageHub(e) ? e.revision : null),
  },
  system: {
    url: ['sys'],
    determines: ['samples', 'search'],
    initial: () => null,
    read: (get) => {
      const raw = get('sys');
      if (raw === null) return { ignored: [] };
      if (raw.length > MAX_SYSTEM_PROMPT)
        return {
          ignored: [{ key: 'sys', raw, why: `longer than ${MAX_SYSTEM_PROMPT} characters` }],
        };
      return { value: raw, ignored: [] };
    },
    write: (v) => (v === null ? [] : [['sys', v]]),
    // The prompt the model gets: a link spelling out the default draws the same samples as none.
    key: (e) => (inPageHub(e) || (e.remote !== null && remoteUsesChat(e)) ? systemPrompt(e) : null),
  },
  verifier: single(
    'verifier',
    ['scores', 'search'],
    () => 'arith-verifier',
    choice(Object.keys(VERIFIER_LABELS) as Experiment['verifier'][]),
    (v) => v,
  ),
  ...VERIFIER_MODEL_SETTINGS,
  noisy: {
    url: NOISY_KEYS,
    determines: ['scores', 'search'],
    initial: () => ({ falsePositive: 0.2, falseNegative: 0.1, noise: 0 }),
    // Each rate applies on its own: a bad one is reported, the others still count.
    read: (get, e) => {
      const value = { ...e.noisy };
      const ignored: Ignored[] = [];
      for (const key of NOISY_KEYS) {
        const raw = get(key);
        if (raw === null) continue;
        const p = parseProbability(raw);
        if ('error' in p) ignored.push({ key, raw, why: p.error });
        else value[NOISY_FIELDS[key]] = p.value;
      }
      return { value, ignored };
    },
    // The link carries the rates only when the noisy oracle is the verifier (noise only when set).
    write: (v, e) =>
      e.verifier !== 'noisy-oracle'
        ? []
        : [
            ['fp', String(v.falsePositive)],
            ['fn', String(v.falseNegative)],
            ...(v.noise ? [['noise', String(v.noise)] as [string, string]] : []),
          ],
  },
  temperatures: single(
    'temp',
    ['samples', 'search'],
    () => [1],
    (raw) => {
      const ts = raw.split(',').map(Number);
      if (ts.length > 4 || ts.some((t) => !Number.isFinite(t) || t <= 0 || t > 2))
        return { error: 'expected up to 4 temperatures in (0, 2]' };
      return { value: [...new Set(ts)] };
    },
    (v) => v.join(','),
  ),
  maxTokens: single(
    'maxtok',
    ['samples', 'search'],
    (e) => getTask(e.task).maxTokens,
    integer(1, MAX_TOKEN_LIMIT),
    String,
  ),
  // Only a task that takes a choice (math) is keyed by it: arith's steps are its format's lines.
  steps: {
    ...single<'steps'>(
      'steps',
      ['samples', 'search'],
      () => 'blank',
      choice(Object.keys(STEP_DELIMITERS) as StepDelimiterName[]),
      (v) => v,
    ),
    key: (e) => (getTask(e.task).withStepDelimiter ? e.steps : null),
  },
  strategies: nameList(
    's',
    ['curves'],
    () => ['majority', 'bon', 'weighted'] as StrategyKey[],
    STRATEGY_KEYS,
    'strategies',
  ),
  estimator: single(
    'est',
    ['curves'],
    () => 'subsample',
    choice(ESTIMATORS),
    (v) => v,
  ),
  axis: single(
    'axis',
    ['view'],
    () => 'samples',
    choice(Object.keys(COMPUTE_AXES) as Experiment['axis'][]),
    (v) => v,
  ),
  budget: single('k', ['view'], () => 16, integer(1, MAX_SAMPLES, powerOfTwo), String),
  // What this chooses is the backend it resolves to, which every key holds itself (`cacheKeys.ts`):
  // "auto" and "wasm" on a page without WebGPU share their pools.
  backend: single(
    'backend',
    ['view'],
    () => 'auto',
    choice(['auto', 'wasm', 'webgpu'] as const),
    (v) => v,
  ),
  problem: single('p', ['view'], () => 0, integer(0, MAX_PROBLEMS - 1), String),
  bins: single(
    'bins',
    ['view'],
    () => 'level',
    choice(['level', 'quintile'] as const),
    (v) => v,
  ),
  fit: bool('fit', ['view'], false),
  process: bool('proc', ['curves'], false),
  computeOptimal: bool('co', ['view'], false),
  coBins: single(
    'cobins',
    ['view'],
    () => 'oracle',
    choice(['oracle', 'predicted'] as const),
    (v) => v,
  ),
  coSplit: single('cosplit', ['view'], () => 0, integer(0, 2 ** 32 - 1), String),
  tree: single(
    'tree',
    ['view'],
    () => 'beam',
    choice(TREES),
    (v) => v,
  ),
  treeN: single('tn', ['view'], () => 8, integer(1, MAX_TREE_N, powerOfTwo), String),
  treeM: single('tm', ['search'], () => 4, integer(1, MAX_TREE_N), String),
  treeSelect: single(
    'tsel',
    ['search'],
    () => 'best',
    choice(FINAL_SELECTIONS),
    (v) => v,
  ),
  treeFirstWave: bool('tfw', ['search'], false),
  // A remote or hub experiment searches with its own policy: the override names built-ins only.
  treePolicy: {
    ...single<'treePolicy'>(
      'tpol',
      ['search'],
      () => null,
      (raw) =>
        has(POLICIES, raw)
          ? { value: raw as (typeof POLICIES)[number] }
          : { error: `expected a built-in policy (${POLICIES.join(', ')})` },
      (v) => v ?? '',
    ),
    key: (e) => (e.remote === null && isBuiltinPolicy(e.policy) ? e.treePolicy : null),
  },
  treeCurves: nameList('tc', ['view'], () => [] as TreeStrategyId[], TREES, 'tree strategies'),
  treeSeeds: single('tseeds', ['view'], () => 1, integer(1, MAX_TREE_SEEDS), String),
  hide: nameList(
    'hide',
    ['view'],
    () => [] as PanelId[],
    Object.keys(PANELS) as PanelId[],
    'panels',
  ),
  talk: bool('talk', ['view'], false),
  custom: {
    url: ['custom'],
    determines: ['samples'],
    initial: () => null,
    read: (get) => {
      const raw = get('custom');
      if (raw === null) return { ignored: [] };
      if (/^[0-9a-f]{8}$/.test(raw)) return { value: raw, ignored: [] };
      const why = 'expected the 8-digit hash of an imported problem set';
      return { ignored: [{ key: 'custom', raw, why }] };
    },
    write: (v) => (v === null ? [] : [['custom', v]]),
  },
};

export const SETTING_NAMES = Object.keys(SETTINGS) as (keyof Experiment)[];

/** The experiment every link starts from. */
export function initialExperiment(): Experiment {
  const e = {} as Record<keyof Experiment, unknown>;
  for (const name of SETTING_NAMES) e[name] = SETTINGS[name].initial(e as Experiment);
  return e as unknown as Experiment;
}

/**
 * The values of every setting that determines `what`, in table order: the part of a cache key that
 * comes from the experiment (each stored result adds what the table cannot know, e.g. model hashes).
 */
export function settingsKey(e: Experiment, what: Determines): [string, unknown][] {
  return SETTING_NAMES.filter((n) => SETTINGS[n].determines.includes(what)).map((n) => {
    const s = SETTINGS[n] as Setting<typeof n>;
    return [n, s.key ? s.key(e) : e[n]];
  });
}

/** The experiment a page opens with when its link sets nothing. */
export const DEFAULT_EXPERIMENT: Readonly<Experiment> = initialExperiment();

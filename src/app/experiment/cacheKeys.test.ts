import { describe, expect, it, vi } from 'vitest';
import { curvesKey, poolKey, searchModelsKey, storedPoolKey } from './cacheKeys';
import type { Experiment } from './settings';
import { DEFAULT_EXPERIMENT, SETTING_NAMES } from './table';

const version = vi.hoisted(() => ({ ENGINE_VERSION: '0.1.0' }));
vi.mock('../../core/version', () => version);

/** A different value for every setting (keys read values, not links: any value of the type will do). */
const CHANGED: { [K in keyof Experiment]: Experiment[K] } = {
  task: 'math',
  levels: [2],
  problems: 31,
  n: 128,
  seed: 1,
  remote: 'http://127.0.0.1:8000/v1',
  policy: 'other-policy',
  dtype: 'fp16',
  revision: '0123456789abcdef0123456789abcdef01234567',
  system: 'Answer briefly.',
  verifier: 'oracle',
  verifierServer: 'http://127.0.0.1:8001/v1',
  verifierModel: 'other-verifier',
  verifierEos: '</s>',
  verifierRule: 'judge',
  verifierPrompt: 'Is this right? {solution}',
  prmAggregation: 'min',
  noisy: { falsePositive: 0.3, falseNegative: 0.1, noise: 0 },
  temperatures: [0.7],
  maxTokens: 256,
  steps: 'line',
  strategies: ['majority'],
  estimator: 'prefix',
  axis: 'flops',
  budget: 32,
  backend: 'webgpu',
  problem: 3,
  bins: 'quintile',
  fit: true,
  process: true,
  computeOptimal: true,
  coBins: 'predicted',
  coSplit: 5,
  tree: 'dvts',
  treeN: 16,
  treeM: 2,
  treeSelect: 'weighted',
  treeFirstWave: true,
  treePolicy: 'arith-policy-small',
  treeCurves: ['beam'],
  treeSeeds: 2,
  hide: ['problem'],
  talk: true,
  custom: '0123abcd',
};

const e0 = structuredClone(DEFAULT_EXPERIMENT) as Experiment;
const keys = (e: Experiment) => ({
  pool: poolKey(e, 'wasm'),
  stored: storedPoolKey(e, 'wasm', 'sha256:aa'),
  curves: curvesKey(e),
  search: searchModelsKey(e, 'wasm', 'sha256:aa', 'sha256:bb'),
});

/** What each kind of key must change with (the spec; the table is what the code reads). */
const HUB = ['dtype', 'revision', 'system'];
/** The remote verifier's settings, read when the verifier is the remote one. */
const REMOTE_VERIFIER = ['verifierServer', 'verifierModel', 'verifierEos', 'verifierRule'];
/** What draws a sample (the pool and the tree searches alike). */
const DRAWN = ['task', 'seed', 'remote', 'policy', ...HUB, 'temperatures', 'maxTokens', 'steps'];
const SAMPLES = [...DRAWN, 'levels', 'custom'];
const EXPECTED: Record<keyof ReturnType<typeof keys>, string[]> = {
  pool: SAMPLES,
  stored: SAMPLES,
  curves: [
    'verifier',
    ...REMOTE_VERIFIER,
    'noisy',
    'prmAggregation',
    'estimator',
    'strategies',
    'process',
    'problems',
  ],
  search: [
    ...DRAWN,
    'verifier',
    ...REMOTE_VERIFIER,
    'noisy',
    'treeM',
    'treeSelect',
    'treeFirstWave',
    'treePolicy',
  ],
};

describe('cache keys', () => {
  it('every setting has a changed value here', () => {
    expect(Object.keys(CHANGED).sort()).toEqual([...SETTING_NAMES].sort());
  });

  for (const name of SETTING_NAMES) {
    it(`change with ${name} exactly where it determines the result`, () => {
      // The hub-model settings are read on a hub policy (a built-in ignores them: next test).
      // The step delimiter, on a task that takes one (math; arith's format fixes its own).
      const base = HUB.includes(name)
        ? { ...e0, policy: 'org/model' }
        : name === 'steps'
          ? { ...e0, task: 'math' }
          : REMOTE_VERIFIER.includes(name)
            ? { ...e0, verifier: 'remote' as const, remote: 'http://127.0.0.1:8000/v1' }
            : name === 'prmAggregation'
              ? { ...e0, verifier: 'arith-prm' as const }
              : e0;
      const before = keys(base);
      const after = keys({ ...base, [name]: CHANGED[name] });
      for (const kind of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
        expect(after[kind] !== before[kind], `${kind} key vs ${name}`).toBe(
          EXPECTED[kind].includes(name),
        );
      }
    });
  }

  it('a built-in policy is keyed without the hub-model settings', () => {
    const k = keys(e0);
    for (const name of HUB) expect(keys({ ...e0, [name]: CHANGED[name as 'dtype'] })).toEqual(k);
  });

  it('a remote policy is keyed without the hub-model settings; other verifiers without the remote one’s', () => {
    const far = { ...e0, remote: 'http://127.0.0.1:8000/v1', policy: 'org/model' };
    const k = keys(far);
    for (const name of HUB) expect(keys({ ...far, [name]: CHANGED[name as 'dtype'] })).toEqual(k);
    // On a free-text task it is prompted in its chat template: the system message counts.
    const chat = { ...far, task: 'math' };
    expect(keys({ ...chat, system: 'Answer briefly.' }).pool).not.toEqual(keys(chat).pool);
    const k0 = keys(e0);
    for (const name of REMOTE_VERIFIER)
      expect(keys({ ...e0, [name]: CHANGED[name as 'verifierModel'] })).toEqual(k0);
    // A verifier with an outcome is read by it: the PRM aggregation does not enter.
    expect(keys({ ...e0, prmAggregation: 'min' })).toEqual(k0);
  });

  it('a hub policy is keyed by the prompt it gets: the default spelled out is the default', () => {
    const qwen = { ...e0, task: 'math', policy: 'org/Qwen2.5-x' };
    const spelled = {
      ...qwen,
      system: 'Please reason step by step, and put your final answer within \\boxed{}.',
    };
    expect(keys(spelled)).toEqual(keys(qwen));
    expect(keys({ ...qwen, system: '' })).not.toEqual(keys(qwen));
  });

  it("arith is keyed without the step delimiter (its format's lines are its steps)", () => {
    expect(keys({ ...e0, steps: 'line' })).toEqual(keys(e0));
  });

  it('levels do not name an imported problem set (its hash does)', () => {
    const custom = { ...e0, custom: '0123abcd' };
    expect(poolKey({ ...custom, levels: [4] }, 'wasm')).toBe(poolKey(custom, 'wasm'));
  });

  it('of stored results change with the backend, the engine version and every model file', () => {
    const k = keys(e0);
    expect(poolKey(e0, 'webgpu')).not.toBe(k.pool);
    expect(storedPoolKey(e0, 'wasm', 'sha256:cc')).not.toBe(k.stored);
    expect(searchModelsKey(e0, 'wasm', 'sha256:cc', 'sha256:bb')).not.toBe(k.search);
    expect(searchModelsKey(e0, 'wasm', 'sha256:aa', 'sha256:cc')).not.toBe(k.search);
    expect(searchModelsKey(e0, 'webgpu', 'sha256:aa', 'sha256:bb')).not.toBe(k.search);
    version.ENGINE_VERSION = '0.2.0';
    const next = keys(e0);
    version.ENGINE_VERSION = '0.1.0';
    for (const kind of ['pool', 'stored', 'search'] as const) expect(next[kind]).not.toBe(k[kind]);
  });
});

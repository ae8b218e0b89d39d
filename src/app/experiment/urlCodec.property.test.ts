import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ESTIMATORS } from '../../core/metrics/estimate';
import { TREE_STRATEGIES, type TreeStrategyId } from '../../core/search';
import { isTask } from '../../core/tasks';
import {
  COMPUTE_AXES,
  LEVELS,
  MAX_PROBLEMS,
  MAX_TOKEN_LIMIT,
  POLICIES,
  MAX_TREE_SEEDS,
  PANELS,
  type PanelId,
  STRATEGY_KEYS,
  VERIFIER_LABELS,
  type Experiment,
} from './settings';
import { checkModelId } from '../../runtime/hub/resolve';
import { isServedName } from '../remote/serverUrl';
import { DEFAULT_EXPERIMENT } from './table';
import { parseExperiment, serializeExperiment } from './urlCodec';

const TREES = Object.keys(TREE_STRATEGIES) as TreeStrategyId[];
const pow2 = (max: number) => fc.integer({ min: 0, max: Math.log2(max) }).map((e) => 2 ** e);
const ordered = <T>(all: readonly T[]) =>
  fc.subarray([...all]).map((xs) => all.filter((x) => xs.includes(x)));
const prob = fc.double({ min: 0, max: 1, noNaN: true });

/** Any state the controls can produce (normalized as the page keeps it). */
const experiment: fc.Arbitrary<Experiment> = fc
  .record({
    levels: ordered(LEVELS).filter((l) => l.length > 0),
    problems: fc.integer({ min: 1, max: MAX_PROBLEMS }),
    n: pow2(1024),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    verifier: fc.constantFrom(...(Object.keys(VERIFIER_LABELS) as Experiment['verifier'][])),
    noisy: fc.record({ falsePositive: prob, falseNegative: prob, noise: prob }),
    maxTokens: fc.integer({ min: 1, max: MAX_TOKEN_LIMIT }),
    temperatures: fc.uniqueArray(
      fc.double({ min: 0.01, max: 2, noNaN: true }).map((t) => Math.round(t * 100) / 100),
      { minLength: 1, maxLength: 4 },
    ),
    strategies: ordered(STRATEGY_KEYS),
    estimator: fc.constantFrom(...ESTIMATORS),
    axis: fc.constantFrom(...(Object.keys(COMPUTE_AXES) as Experiment['axis'][])),
    budget: pow2(1024),
    backend: fc.constantFrom('auto' as const, 'wasm' as const, 'webgpu' as const),
    problem: fc.nat(MAX_PROBLEMS - 1),
    bins: fc.constantFrom('level' as const, 'quintile' as const),
    fit: fc.boolean(),
    tree: fc.constantFrom(...TREES),
    treeN: pow2(64),
    treeM: fc.integer({ min: 1, max: 64 }),
    treeCurves: ordered(TREES),
    treePolicy: fc.option(fc.constantFrom(...POLICIES), { nil: null }),
    treeSeeds: fc.integer({ min: 1, max: MAX_TREE_SEEDS }),
    hide: ordered(Object.keys(PANELS) as PanelId[]),
    talk: fc.boolean(),
    custom: fc.option(fc.stringMatching(/^[0-9a-f]{8}$/), { nil: null }),
  })
  .map((r) => ({
    ...DEFAULT_EXPERIMENT,
    ...r,
    // The link carries the noisy oracle's rates only when it is the verifier.
    noisy: r.verifier === 'noisy-oracle' ? r.noisy : DEFAULT_EXPERIMENT.noisy,
    problem: r.problem < r.problems ? r.problem : 0,
  }));

/** Values strangers put in links. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '1e309',
  '-1',
  'NaN',
  'Infinity',
  '0x10',
  '9'.repeat(400),
  '__proto__',
  'constructor',
  'toString',
  '%',
  '%E0%A4%A',
  '\u202e\u0000\ud800',
  '🙂'.repeat(20),
  'a[b][c][d][e][f]',
  '{"a":{"b":{"c":[[[[[]]]]]}}}',
  '',
  ' ',
];
const KEYS = [
  ...'task levels problems n seed policy verifier fp fn noise temp maxtok s est axis k backend p bins fit tree tn tm tc tseeds hide talk custom v'.split(
    ' ',
  ),
  'pool',
  'unknown',
  '__proto__',
];

/** Lone surrogates cannot be percent-encoded: those stay raw. */
const encoded = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return v;
  }
};

/** A valid link, then damaged: truncated, spliced, values swapped for hostile ones, keys repeated. */
const mutatedLink = fc
  .tuple(
    experiment.map(serializeExperiment),
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
        fc.record({
          kind: fc.constant('set' as const),
          key: fc.constantFrom(...KEYS),
          value: fc.oneof(
            fc.constantFrom(...HOSTILE),
            fc.string(),
            fc.string({ unit: 'grapheme' }),
          ),
          encode: fc.boolean(),
        }),
        fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: fc.string() }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([link, edits]) => {
    let s = link;
    for (const e of edits) {
      if (e.kind === 'truncate') s = s.slice(0, e.at % (s.length + 1));
      else if (e.kind === 'splice') {
        const at = e.at % (s.length + 1);
        s = s.slice(0, at) + e.text + s.slice(at);
      } else s += `&${e.key}=${e.encode ? encoded(e.value) : e.value}`;
    }
    return s;
  });

/** Every field within its domain: what the page can always render and compute from. */
function expectUsable(e: Experiment) {
  expect(e.levels.length).toBeGreaterThan(0);
  for (const l of e.levels) expect(LEVELS).toContain(l);
  expect(Number.isInteger(e.problems) && e.problems >= 1 && e.problems <= MAX_PROBLEMS).toBe(true);
  expect(e.problem).toBeLessThan(e.problems);
  for (const x of [e.n, e.budget, e.treeN]) expect(Math.log2(x) % 1).toBe(0);
  for (const k of e.strategies) expect(STRATEGY_KEYS).toContain(k);
  for (const t of e.treeCurves) expect(TREES).toContain(t);
  if (e.treePolicy !== null) expect(POLICIES).toContain(e.treePolicy);
  expect(TREES).toContain(e.tree);
  expect(Object.keys(VERIFIER_LABELS)).toContain(e.verifier);
  for (const t of e.temperatures) expect(t > 0 && t <= 2).toBe(true);
  for (const p of Object.values(e.noisy)) expect(p >= 0 && p <= 1).toBe(true);
  expect(isTask(e.task)).toBe(true);
  // A built-in, a hub model id (org/name), or on a server the name it serves.
  expect(
    (POLICIES as readonly string[]).includes(e.policy) ||
      checkModelId(e.policy) === null ||
      (e.remote !== null && isServedName(e.policy)),
    e.policy,
  ).toBe(true);
  expect(Number.isInteger(e.maxTokens) && e.maxTokens >= 1 && e.maxTokens <= MAX_TOKEN_LIMIT).toBe(
    true,
  );
  expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
  // Nothing the validation forbids got in: written back, it reads again as itself, silently (the
  // noisy oracle's rates travel only with that verifier, as links always did).
  const again = parseExperiment(serializeExperiment(e));
  const noisy = e.verifier === 'noisy-oracle' ? e.noisy : again.experiment.noisy;
  expect(again).toEqual({ experiment: { ...e, noisy }, messages: [] });
}

describe('the experiment in the URL, by property', () => {
  it('encode → decode is the identity on valid states, with no messages', () => {
    fc.assert(
      fc.property(experiment, (e) => {
        expect(parseExperiment(serializeExperiment(e))).toEqual({ experiment: e, messages: [] });
      }),
      { numRuns: 2000 },
    );
  });

  it('10,000 random and damaged links decode to a usable state plus messages, never throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(mutatedLink, fc.string({ unit: 'grapheme', maxLength: 500 })),
        (link) => {
          const { experiment: e, messages } = parseExperiment(link);
          expectUsable(e);
          for (const m of messages) expect(typeof m).toBe('string');
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

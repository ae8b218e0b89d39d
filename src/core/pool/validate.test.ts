import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { tinyEntry, tinyPool } from '../testing/pools';
import type { Pool } from '../types';
import { migrate, MigrationError } from './migrate';
import schema from './pool.schema.json' with { type: 'json' };
import { syntheticPool } from '../tasks';
import { parsePool, PoolError, validatePool } from './validate';

const clone = <T>(x: T): T => structuredClone(x);
const good = (): Pool => syntheticPool({ seed: 1, problems: 3, samples: 4 });

/** A JSON mutation and the path/message the validator must report for it. */
const mutations: [string, (d: any) => void, string, RegExp][] = [
  [
    'negative tokens',
    (d) => (d.problems[1].samples[2].tokens = -1),
    '$.problems[1].samples[2].tokens',
    /≥ 0/,
  ],
  [
    'string where a number goes',
    (d) => (d.problems[0].samples[0].meanLogprob = 'x'),
    '$.problems[0].samples[0].meanLogprob',
    /number/,
  ],
  [
    'missing field',
    (d) => delete d.problems[2].problem.answer,
    '$.problems[2].problem.answer',
    /required/,
  ],
  [
    'unknown field',
    (d) => (d.problems[0].samples[1].extra = 1),
    '$.problems[0].samples[1].extra',
    /not an allowed field/,
  ],
  [
    'score above 1',
    (d) => (d.problems[0].samples[3].scores = { v: { steps: [1.5], tokens: 1 } }),
    '$.problems[0].samples[3].scores.v.steps[0]',
    /≤ 1/,
  ],
  ['bad enum', (d) => (d.models[0].role = 'judge'), '$.models[0].role', /one of/],
  ['fractional seed', (d) => (d.seed = 1.5), '$.seed', /integer/],
  [
    // Version 2: an empty list says "unknown"; a negative temperature is still wrong.
    'negative temperature',
    (d) => (d.sampling.temperatures = [-1]),
    '$.sampling.temperatures[0]',
    /≥ 0/,
  ],
  ['null problems', (d) => (d.problems = null), '$.problems', /array/],
];

describe('pool validation', () => {
  it('accepts a well-formed pool', () => {
    const result = validatePool(clone(good()));
    expect(result.ok).toBe(true);
  });

  for (const [what, mutate, path, message] of mutations) {
    it(`names the exact path of a bad field: ${what}`, () => {
      const doc = clone(good()) as any;
      mutate(doc);
      const result = validatePool(doc);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors[0]!.path).toBe(path);
      expect(result.errors[0]!.message).toMatch(message);
    });
  }

  it('agrees with Ajv (JSON Schema 2020-12) on valid and mutated pools', () => {
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    const check = ajv.compile(schema);
    const docs = [
      good(),
      ...mutations.map(([, mutate]) => {
        const d = clone(good()) as any;
        mutate(d);
        return d;
      }),
    ];
    for (const d of docs) {
      const ours = validatePool(clone(d));
      // Ajv sees the schema only; the semantic checks below it are ours alone.
      const ajvOk = check(d);
      expect(ours.ok, JSON.stringify(ajv.errors?.[0])).toBe(ajvOk);
    }
  });

  it('checks what the schema cannot: positions, label counts, declared verifiers, unique ids', () => {
    const pool = tinyPool([
      tinyEntry('a', '1', [{ answer: '1' }, { answer: '2' }]),
      tinyEntry('a', '1', [{ answer: '1' }]),
    ]);
    pool.problems[0]!.samples[1]!.index = 5;
    pool.problems[0]!.samples[0]!.stepCorrect = [true];
    pool.problems[1]!.samples[0]!.scores = { ghost: { steps: [0.5], tokens: 1 } };
    const result = validatePool(pool);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      '$.problems[0].samples[0].stepCorrect',
      '$.problems[0].samples[1].index',
      '$.problems[1].problem.id',
      '$.problems[1].samples[0].scores.ghost',
    ]);
  });

  it('rejects non-JSON, non-objects and foreign formats with a message', () => {
    expect(() => parsePool('{"format": ')).toThrow(PoolError);
    expect(() => parsePool('{"format": ')).toThrow(/not valid JSON/);
    expect(validatePool([1, 2])).toMatchObject({ ok: false, errors: [{ path: '$' }] });
    expect(validatePool({ format: 'other' })).toMatchObject({
      ok: false,
      errors: [{ path: '$.format' }],
    });
  });

  it('says plainly when a pool comes from a newer engine', () => {
    const doc = { ...clone(good()), version: 99 };
    expect(validatePool(doc)).toMatchObject({
      ok: false,
      errors: [{ path: '$.version', message: expect.stringMatching(/newer/) }],
    });
  });
});

describe('pool migrations', () => {
  it('applies each migration in order up to the current version', () => {
    const migrations = {
      1: (d: Record<string, unknown>) => ({ ...d, renamed: d.old }),
      2: (d: Record<string, unknown>) => ({ ...d, added: true }),
    };
    expect(migrate({ version: 1, old: 'x' }, 3, migrations)).toEqual({
      version: 3,
      old: 'x',
      renamed: 'x',
      added: true,
    });
    expect(migrate({ version: 3 }, 3, migrations)).toEqual({ version: 3 });
  });

  it('refuses a version it has no migration for, or no version at all', () => {
    expect(() => migrate({ version: 1 }, 2, {})).toThrow(MigrationError);
    expect(() => migrate({ version: '1' }, 1, {})).toThrow(/positive integer/);
  });
});

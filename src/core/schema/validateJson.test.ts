import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, shown, validateJson, type JsonSchema } from './validateJson';

// Typed through unknown: `toString` as a property name collides with Object's own in TypeScript.
const closed = {
  type: 'object',
  required: ['toString'],
  additionalProperties: false,
  properties: { toString: { type: 'integer', minimum: 0 }, n: { type: 'number', maximum: 1 } },
} as unknown as JsonSchema;

describe('validateJson', () => {
  it('reads own properties only: {} lacks toString, a constructor field is a field', () => {
    expect(validateJson(closed, {})).toEqual([{ path: '$.toString', message: 'is required' }]);
    expect(validateJson(closed, JSON.parse('{"toString": 1, "constructor": 2}'))).toEqual([
      { path: '$.constructor', message: 'is not an allowed field' },
    ]);
    expect(validateJson(closed, JSON.parse('{"toString": 1, "__proto__": {}}'))).toEqual([
      { path: '$.__proto__', message: 'is not an allowed field' },
    ]);
  });

  it('names the path and the bound in its messages', () => {
    expect(validateJson(closed, { toString: -1, n: 2 })).toEqual([
      { path: '$.toString', message: 'must be ≥ 0, got -1' },
      { path: '$.n', message: 'must be ≤ 1, got 2' },
    ]);
    expect(validateJson(closed, { toString: 'x' })).toEqual([
      { path: '$.toString', message: 'must be integer, got string' },
    ]);
  });

  it('refuses non-finite numbers, deep nesting and ill-formed field names, without throwing', () => {
    expect(validateJson(closed, JSON.parse('{"toString": 1, "n": 1e400}'))).toEqual([
      { path: '$.n', message: 'must be a finite number' },
    ]);
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000));
    expect(validateJson({}, deep)[0]!.message).toMatch(`more than ${MAX_DEPTH} levels`);
    expect(validateJson({}, JSON.parse('{"\\ud800": 1}'))[0]!.message).toMatch(/not valid Unicode/);
  });

  it('shows hostile values without calling their methods', () => {
    expect(shown(JSON.parse('{"toString": 1}'))).toBe('{"toString":1}');
    expect(shown('x'.repeat(100))).toHaveLength(21);
  });
});

import { describe, expect, it } from 'vitest';
import { MATH_SHEPHERD } from '../core/verifiers/rules/stepTag';
import { readingRule, READING_RULE_KEY } from './modelConfig';

describe('a model’s own reading rule (config.json)', () => {
  it('is the named rule with the given parameters over its defaults', () => {
    expect(readingRule({})).toBeNull();
    expect(
      readingRule({ [READING_RULE_KEY]: { rule: 'step-tag', params: { tag: '¶', good: '✓' } } }),
    ).toEqual({ rule: 'step-tag', params: { ...MATH_SHEPHERD, tag: '¶', good: '✓' } });
  });

  it('refuses a rule it does not know and parameters the rule does not have', () => {
    expect(() => readingRule({ [READING_RULE_KEY]: { rule: 'vibes' } })).toThrow(/no known rule/);
    expect(() =>
      readingRule({ [READING_RULE_KEY]: { rule: 'step-tag', params: { colour: 'red' } } }),
    ).toThrow(/colour is not a step-tag parameter/);
    expect(() =>
      readingRule({ [READING_RULE_KEY]: { rule: 'step-tag', params: { tag: 3 } } }),
    ).toThrow(/tag is not a step-tag parameter/);
  });
});

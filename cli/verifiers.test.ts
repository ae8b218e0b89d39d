import { describe, expect, it } from 'vitest';
import { ruleVerifierId } from '../src/core/verifiers/rules';
import { MATH_SHEPHERD } from '../src/core/verifiers/rules/stepTag';
import { ruleArg, splitTop, verifierArgs } from './verifiers';

describe('--verifier and --verifier-rule', () => {
  it('reads a rule with parameters as a pool’s verifier id spells them, and back', () => {
    const spec = ruleArg('step-tag(tag="¶",good="✓",bad="✗",lead="\\n")');
    expect(spec).toEqual({
      rule: 'step-tag',
      params: { ...MATH_SHEPHERD, tag: '¶', good: '✓', bad: '✗', lead: '\n' },
    });
    const id = ruleVerifierId('arith-prm', spec);
    expect(ruleArg(id.slice('arith-prm:'.length))).toEqual(spec);
    expect(ruleArg('judge(perStep=true,prompt="a, (b) \\"c\\"")').params).toMatchObject({
      perStep: true,
      prompt: 'a, (b) "c"',
    });
  });

  it('says what is wrong with a rule', () => {
    expect(() => ruleArg('vibes')).toThrow(/unknown rule "vibes"/);
    expect(() => ruleArg('step-tag(colour="red")')).toThrow(/not one of its parameters/);
    expect(() => ruleArg('step-tag(tag=¶)')).toThrow(/not JSON/);
    expect(() => ruleArg('judge(perStep="yes")')).toThrow(/perStep takes a boolean/);
  });

  it('splits a verifier list at commas outside a rule’s parameters', () => {
    expect(splitTop('arith-prm,arith-verifier:step-tag(tag=",",good="1"),x')).toEqual([
      'arith-prm',
      'arith-verifier:step-tag(tag=",",good="1")',
      'x',
    ]);
    expect(verifierArgs('hub:org/m:step-tag(tag=":"),arith-prm', false)).toMatchObject([
      { kind: 'hub', model: 'org/m', rule: { rule: 'step-tag', params: { tag: ':' } } },
      { kind: 'builtin', model: 'arith-prm', rule: null },
    ]);
  });
});

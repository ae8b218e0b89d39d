import { describe, expect, it } from 'vitest';
import { getTask } from '../../tasks';
import '../../tasks/grading';
import { defaultRule, type RuleSpec } from './index';
import { ruleInput, ruleSteps } from './input';
import { ruleReadText } from './readText';

const arith = getTask('arith');
const math = getTask('math');
const problem = arith.generate(3, 2);

describe('what a rule reads', () => {
  it('gives arith’s answer line a read after the steps, as a search path has it', () => {
    expect(ruleSteps(arith, problem, '1+2=3\n3*4=12\nA: 12')).toEqual(['1+2=3', '3*4=12', 'A: 12']);
    // Unfinished: no answer line, the steps alone; text after the answer line is not read.
    expect(ruleSteps(arith, problem, '1+2=3\n3*4=')).toEqual(['1+2=3', '3*4=']);
    expect(ruleSteps(arith, problem, '1+2=3\nA: 3\n9*9=81')).toEqual(['1+2=3', 'A: 3']);
    // The step labels still line up with the first scores: the checker's steps come first.
    expect(arith.grade(problem, '1+2=3\nA: 3').steps).toEqual(['1+2=3']);
  });

  it('leaves a task whose steps are the whole text as it splits it (math)', () => {
    const p = math.fromQuestion!('What is 1+1?', '2', 'q');
    if (typeof p === 'string') throw new Error(p);
    const text = 'One and one.\n\nThe answer is $\\boxed{2}$.';
    expect(ruleSteps(math, p, text)).toEqual(math.grade(p, text).steps);
    expect(ruleInput(math, p, [text], [true]).solutions[0]!.steps).toHaveLength(2);
  });

  it('writes the tagged text a step-tag PRM reads and a judge’s filled prompt, as text', () => {
    const tag: RuleSpec = {
      rule: 'step-tag',
      params: { tag: '¶', good: '✓', bad: '✗', joiner: '\n', lead: '\n' },
    };
    expect(ruleReadText(tag, '1+2*4', ['1+2=3', '3*4=12', 'A: 12'])).toBe(
      '1+2*4\n1+2=3¶\n3*4=12¶\nA: 12¶',
    );
    const judge = {
      rule: 'judge',
      params: {
        ...defaultRule('judge').params,
        prompt: 'Q {question} S {solution}',
        joiner: ' | ',
      },
    } as RuleSpec;
    // A solution holding "{question}" stays text (one-pass fill).
    expect(ruleReadText(judge, 'x?', ['a {question}', 'b'])).toBe('Q x? S a {question} | b');
    expect(ruleReadText(defaultRule('turn-per-step'), 'x?', ['a', 'b'])).toBe(
      '[user] x? a\n[assistant] +\n[user] b\n[assistant] +',
    );
  });
});

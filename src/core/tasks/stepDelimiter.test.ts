import { describe, expect, it } from 'vitest';
import './grading';
import { getTask, STEP_DELIMITERS, taskWith } from '.';

const problem = getTask('math').generate(3, 2);
const text =
  'First, 2 + 3 = 5.\n\nThen 5 * 2 = 10\nso the total is 10.\n\nThe answer is $\\boxed{10}$.';

describe('the step delimiter of a free-text task', () => {
  it('splits math steps at a blank line by default, at every line when chosen; the verdict is the same', () => {
    const blank = taskWith('math').grade(problem, text);
    const line = taskWith('math', STEP_DELIMITERS.line).grade(problem, text);
    expect(blank.steps).toHaveLength(3);
    expect(line.steps).toEqual([
      'First, 2 + 3 = 5.',
      'Then 5 * 2 = 10',
      'so the total is 10.',
      'The answer is $\\boxed{10}$.',
    ]);
    expect(line.answer).toBe(blank.answer);
    expect(line.correct).toBe(blank.correct);
    expect(taskWith('math', '\n').stepDelimiter).toBe('\n');
    // The reference solution is written with the chosen delimiter too.
    expect(taskWith('math', '\n').completion(problem)).toBe(problem.steps.join('\n'));
  });

  it('is one task object per delimiter, and the registered one for the default', () => {
    expect(taskWith('math', '\n')).toBe(taskWith('math', '\n'));
    expect(taskWith('math', STEP_DELIMITERS.blank)).toBe(getTask('math'));
  });

  it("leaves arith as it is: its format's lines are its steps", () => {
    expect(taskWith('arith', STEP_DELIMITERS.blank)).toBe(getTask('arith'));
  });
});

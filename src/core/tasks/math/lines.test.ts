import { describe, expect, it } from 'vitest';
import { mathProblemFromLine } from './lines';

const GSM8K = {
  question:
    'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?',
  answer:
    'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72',
};
const MATH = {
  problem: 'What is $\\frac{1}{2} + \\frac{1}{3}$?',
  solution:
    'We have $\\frac{1}{2} + \\frac{1}{3} = \\frac{3}{6} + \\frac{2}{6} = \\boxed{\\frac{5}{6}}$.',
  level: 'Level 2',
  type: 'Prealgebra',
};

describe('math problem lines', () => {
  it('reads GSM8K lines: the #### number is the answer, the worked solution the reference', () => {
    const r = mathProblemFromLine(GSM8K, 4);
    expect(r).toMatchObject({
      format: 'gsm8k',
      problem: { id: 'line-4', task: 'math', answer: '72', level: 0 },
    });
    if (typeof r !== 'string') expect(r.problem.steps[0]).toMatch(/^Natalia sold 48\/2/);
  });

  it('reads MATH lines: the last \\boxed{} answer, "Level N"', () => {
    expect(mathProblemFromLine(MATH, 1)).toMatchObject({
      format: 'math',
      problem: { answer: '\\frac{5}{6}', level: 2, question: MATH.problem },
    });
  });

  it('reads plain lines with numbers or text answers, ids and levels', () => {
    expect(
      mathProblemFromLine({ question: 'q', answer: 1200, id: 'p-1', level: 3 }, 9),
    ).toMatchObject({ format: 'plain', problem: { id: 'p-1', answer: '1200', level: 3 } });
    expect(mathProblemFromLine({ question: 'q', answer: '$1,200$' }, 2)).toMatchObject({
      problem: { answer: '1200' },
    });
  });

  it('says why a line is not a problem', () => {
    const why = (row: Record<string, unknown>) => mathProblemFromLine(row, 1);
    expect(why({ question: 'q' })).toMatch(/"answer"/);
    expect(why({ question: '', answer: '1' })).toMatch(/"question"/);
    expect(why({ question: 'q', answer: '' })).toMatch(/empty/);
    expect(why({ question: 'q', answer: '####' })).toMatch(/empty/);
    expect(why({ problem: 'p', solution: 'no box' })).toMatch(/\\boxed/);
    expect(why({ ...MATH, level: 'Level 9' })).toMatch(/Level 1/);
    expect(why({ ...MATH, problem: 3 })).toMatch(/"problem"/);
    expect(why({ question: 'q', answer: '1', id: 'a b' })).toMatch(/"id"/);
    expect(why({ question: 'q', answer: '1', level: 0 })).toMatch(/"level"/);
    expect(why({ question: 'q', answer: Infinity })).toMatch(/"answer"/);
  });
});

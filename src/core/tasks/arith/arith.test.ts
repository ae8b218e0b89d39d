import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arith } from '.';
import { checkAnswer, checkSteps, gradeCompletion } from './check';
import { arithCompletion, arithPrompt } from './format';
import {
  drawChain,
  formatQuestion,
  generateArith,
  problemFromChain,
  type ArithChain,
} from './generate';
import { arithGoldenLines } from './golden';
import { ARITH_LEVELS, MAX_VALUE } from './levels';
import { diagnoseSteps, extractAnswer, normalizeAnswer, parseStep, splitCompletion } from './parse';
import { decode, encode, VOCAB } from './vocab';

/** Evaluates an expression with ordinary precedence (a tiny recursive-descent parser), independent of the generator. */
function evaluate(expr: string): number {
  let i = 0;
  const atom = (): number => {
    if (expr[i] === '(') {
      i++;
      const v = sum();
      i++; // ')'
      return v;
    }
    const m = /^\d+/.exec(expr.slice(i))!;
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number => {
    let v = atom();
    while (expr[i] === '*') {
      i++;
      v *= atom();
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (expr[i] === '+' || expr[i] === '-') {
      const op = expr[i++];
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  return sum();
}

const chain = (first: number, ...ops: [string, number][]): ArithChain => ({
  first,
  operations: ops.map(([op, operand]) => ({ op: op as '+' | '-' | '*', operand })),
});

describe('arith generator', () => {
  it('writes the example from the spec', () => {
    const p = problemFromChain(chain(91, ['*', 6], ['-', 13], ['*', 4], ['-', 72]), 0, 3);
    expect(p.question).toBe('(91*6-13)*4-72');
    expect(p.steps).toEqual(['91*6=546', '546-13=533', '533*4=2132', '2132-72=2060']);
    expect(p.answer).toBe('2060');
    expect(arithPrompt(p) + arithCompletion(p)).toBe(
      'Q: (91*6-13)*4-72\n91*6=546\n546-13=533\n533*4=2132\n2132-72=2060\nA: 2060',
    );
  });

  it('parenthesizes only a sum or difference that is then multiplied', () => {
    expect(formatQuestion(chain(2, ['*', 3], ['*', 4]))).toBe('2*3*4');
    expect(formatQuestion(chain(2, ['+', 3], ['-', 4]))).toBe('2+3-4');
    expect(formatQuestion(chain(2, ['*', 3], ['+', 4]))).toBe('2*3+4');
    expect(formatQuestion(chain(2, ['+', 3], ['*', 4], ['*', 5]))).toBe('(2+3)*4*5');
    expect(formatQuestion(chain(2, ['+', 3], ['*', 4], ['+', 1], ['*', 2]))).toBe('((2+3)*4+1)*2');
  });

  for (const spec of ARITH_LEVELS) {
    it(`level ${spec.level}: ${spec.ops} operations, operands in range, every value in [0, ${MAX_VALUE}], question evaluates to the answer`, () => {
      const seen = new Set<string>();
      for (let seed = 0; seed < 300; seed++) {
        const c = drawChain(seed, spec.level);
        const p = generateArith(seed, spec.level);
        expect(c.operations).toHaveLength(spec.ops);
        expect(p.steps).toHaveLength(spec.ops);
        expect(c.first).toBeGreaterThanOrEqual(1);
        expect(c.first).toBeLessThanOrEqual(spec.maxNumber);
        for (const { op, operand } of c.operations) {
          seen.add(op);
          const [lo, hi] = op === '*' ? [2, spec.maxMultiplier] : [1, spec.maxNumber];
          expect(operand).toBeGreaterThanOrEqual(lo);
          expect(operand).toBeLessThanOrEqual(hi);
        }
        for (const step of p.steps) {
          const r = Number(step.split('=')[1]);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(MAX_VALUE);
        }
        expect(String(evaluate(p.question))).toBe(p.answer);
        expect(gradeCompletion(p, arithCompletion(p))).toMatchObject({
          correct: true,
          stepCorrect: p.steps.map(() => true),
        });
      }
      expect([...seen].sort()).toEqual(['*', '+', '-']);
    });
  }

  it('is deterministic in (seed, level) and differs across seeds', () => {
    expect(generateArith(17, 3)).toEqual(generateArith(17, 3));
    expect(generateArith(17, 3).question).not.toBe(generateArith(18, 3).question);
    expect(() => generateArith(1, 6)).toThrow(/levels 1–5/);
  });

  it('matches the golden fixture (250 problems) the Python mirror is tested against', () => {
    const file = readFileSync('fixtures/arith-golden.jsonl', 'utf8').trimEnd().split('\n');
    expect(file).toHaveLength(250);
    expect(arithGoldenLines()).toEqual(file);
  });
});

describe('arith results at the bounds', () => {
  it('checks a chain that reaches exactly 0', () => {
    const p = problemFromChain(chain(12, ['*', 3], ['-', 36]), 0, 1);
    expect(p.answer).toBe('0');
    expect(gradeCompletion(p, '12*3=36\n36-36=0\nA: 0')).toMatchObject({
      correct: true,
      stepCorrect: [true, true],
    });
    expect(gradeCompletion(p, '12*3=36\n36-36=1\nA: 1')).toMatchObject({
      correct: false,
      stepCorrect: [true, false],
    });
  });

  it('checks a chain that reaches exactly 9999', () => {
    const p = problemFromChain(chain(99, ['*', 101], ['+', 0]), 0, 1);
    expect(p.steps[0]).toBe('99*101=9999');
    expect(gradeCompletion(p, '99*101=9999\n9999+0=9999\nA: 9999')).toMatchObject({
      correct: true,
      answer: '9999',
    });
    expect(parseStep('9999-9999=0')).toEqual({ left: 9999, op: '-', right: 9999, result: 0 });
  });
});

describe('arith parser and checkers', () => {
  const p = problemFromChain(chain(7, ['+', 5], ['*', 3], ['-', 4]), 0, 2); // 7+5=12, 12*3=36, 36-4=32

  it('parses well-formed steps for every operation', () => {
    expect(parseStep('7+5=12')).toEqual({ left: 7, op: '+', right: 5, result: 12 });
    expect(parseStep('12*3=36')).toEqual({ left: 12, op: '*', right: 3, result: 36 });
    expect(parseStep('36-4=32')).toEqual({ left: 36, op: '-', right: 4, result: 32 });
  });

  it('names what is wrong with a malformed step', () => {
    expect(parseStep('7+5')).toEqual({ error: 'missing-equals' });
    expect(parseStep('7 + 5 = 12')).toEqual({ error: 'junk' });
    expect(parseStep('7+5=1x')).toEqual({ error: 'junk' });
    expect(parseStep('7++5=12')).toEqual({ error: 'malformed' });
    expect(parseStep('=12')).toEqual({ error: 'malformed' });
    expect(parseStep('7+5=12=12')).toEqual({ error: 'malformed' });
  });

  it('diagnoses wrong arithmetic, unknown operands and junk against the problem', () => {
    expect(diagnoseSteps(p, ['7+5=12', '12*3=36', '36-4=32']).map((s) => s.error)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(diagnoseSteps(p, ['7+5=13', '13*3=39', '39-4=35']).map((s) => s.error)).toEqual([
      'wrong-arithmetic',
      undefined,
      undefined,
    ]);
    expect(diagnoseSteps(p, ['7+6=13']).map((s) => s.error)).toEqual(['unknown-operand']);
    expect(diagnoseSteps(p, ['7+5=12', '11*3=33']).map((s) => s.error)).toEqual([
      undefined,
      'unknown-operand',
    ]);
    expect(diagnoseSteps(p, ['7+5=12', '12+3=15']).map((s) => s.error)).toEqual([
      undefined,
      'unknown-operand',
    ]);
    expect(
      diagnoseSteps(p, ['7+5=12', '12*3=36', '36-4=32', '32+1=33']).map((s) => s.error),
    ).toEqual([undefined, undefined, undefined, 'unknown-operand']);
    expect(diagnoseSteps(p, ['7+5=12', 'Q:', '12*3=36']).map((s) => s.error)).toEqual([
      undefined,
      'junk',
      'unknown-operand',
    ]);
  });

  it('labels steps by the reference, an error tainting every later step', () => {
    expect(checkSteps(p, ['7+5=12', '12*3=36', '36-4=32'])).toEqual([true, true, true]);
    expect(checkSteps(p, ['7+5=13', '12*3=36', '36-4=32'])).toEqual([false, false, false]);
    expect(checkSteps(p, ['7+5=12', '12*3=37', '36-4=32'])).toEqual([true, false, false]);
    expect(checkSteps(p, ['7+5=12', '12*3=36', '36-4=32', '32-0=32'])).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(checkSteps(p, [])).toEqual([]);
  });

  it('grades the final answer alone: a lucky answer after a wrong step is still correct', () => {
    const g = gradeCompletion(p, '7+5=13\n13*3=36\n36-4=32\nA: 32');
    expect(g.correct).toBe(true);
    expect(g.stepCorrect).toEqual([false, false, false]);
    expect(gradeCompletion(p, '7+5=12\n12*3=36\n36-4=32')).toMatchObject({
      answer: null,
      correct: false,
    });
  });

  it('extracts the first answer line and ignores anything after it', () => {
    expect(splitCompletion('7+5=12\n\nA: 32\nA: 7\n1+1=2')).toEqual({
      steps: ['7+5=12'],
      answerRaw: ' 32',
    });
    expect(extractAnswer('A:032')).toBe('32');
    expect(extractAnswer('no answer')).toBeNull();
  });

  it('normalizes answers: whitespace, leading zeros, -0; rejects non-integers', () => {
    expect(normalizeAnswer(' 0032 ')).toBe('32');
    expect(normalizeAnswer('0000')).toBe('0');
    expect(normalizeAnswer('-0')).toBe('0');
    expect(normalizeAnswer('-07')).toBe('-7');
    expect(normalizeAnswer('123456789012345678901234567890')).toBe(
      '123456789012345678901234567890',
    );
    for (const bad of ['', ' ', '3.5', '1e3', '12a', '+-3', null])
      expect(normalizeAnswer(bad)).toBeNull();
    expect(checkAnswer(p, '32')).toBe(true);
    expect(checkAnswer(p, null)).toBe(false);
  });

  it('encodes with the character vocabulary and decodes back, rejecting unknown characters', () => {
    expect(VOCAB).toHaveLength(24);
    const text = arithPrompt(p) + arithCompletion(p);
    expect(decode(encode(text))).toBe(text);
    expect(decode([1, ...encode('A: 5'), 2, 0])).toBe('A: 5');
    expect(() => encode('7/5')).toThrow(/not in the arith vocabulary/);
  });

  it('is reachable through the Task interface', () => {
    const q = arith.generate(3, 1);
    expect(arith.grade(q, arith.completion(q)).correct).toBe(true);
    expect(arith.prompt(q)).toBe(`Q: ${q.question}\n`);
  });
});

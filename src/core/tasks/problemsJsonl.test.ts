import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arith } from './arith';
import { parseChain } from './arith/fromQuestion';
import { parseProblemsJsonl } from './problemsJsonl';

const good = (seed: number, level: number) => {
  const p = arith.generate(seed, level);
  return { question: p.question, answer: p.answer, difficulty: level };
};

describe('problems from JSON Lines', () => {
  it('reads the task’s own problems back exactly (steps, answer, level)', () => {
    const rows = [1, 2, 3, 4, 5].map((l) => good(40 + l, l));
    const { problems, errors } = parseProblemsJsonl(
      rows.map((r) => JSON.stringify(r)).join('\n'),
      arith,
    );
    expect(errors).toEqual([]);
    problems.forEach((p, i) => {
      const ref = arith.generate(41 + i, i + 1);
      expect({ ...p, id: ref.id, seed: ref.seed }).toEqual(ref);
      // The exact checker accepts the reference solution of an imported problem.
      expect(arith.grade(p, arith.completion(p)).correct).toBe(true);
    });
  });

  it('keeps good lines and names each bad line with its number and reason', () => {
    const text = [
      JSON.stringify({ id: 'a', question: '(2+3)*4', answer: 20 }),
      '{"question": "2+3*4", "answer": "14"}',
      'not json',
      '',
      JSON.stringify({ question: '(2+3)*4', answer: '21' }),
      JSON.stringify({ id: 'a', question: '5+5', answer: '10' }),
      JSON.stringify({ question: '9999+1', answer: '10000' }),
      JSON.stringify({ question: '<script>', answer: '1' }),
      JSON.stringify({ question: '3-1', answer: 2, difficulty: 9 }),
      JSON.stringify({ question: '3-1', answer: 2 }),
    ].join('\n');
    const { problems, errors } = parseProblemsJsonl(text, arith);
    expect(problems.map((p) => [p.id, p.answer, p.level])).toEqual([
      ['a', '20', 1],
      ['line-10', '2', 1],
    ]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    expect(errors[0]!.reason).toMatch(/left to right: \(2\+3\)\*4/);
    expect(errors[2]!.reason).toMatch(/not the question's value 20/);
    expect(errors[3]!.reason).toMatch(/used twice/);
    expect(errors[4]!.reason).toMatch(/leaves 0–9999/);
  });

  it('10,000 random and damaged files never throw; every non-blank line is kept or reported', () => {
    const line = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 5 }))
        .map(([s, l]) => JSON.stringify(good(s, l))),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.json({ maxDepth: 6 }),
      fc
        .record({
          question: fc.oneof(
            fc.string(),
            fc.constantFrom('<script>', '(1+2)*3', '1+1', '__proto__'),
          ),
          answer: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          id: fc.option(fc.string({ maxLength: 70 }), { nil: undefined }),
          difficulty: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
        })
        .map((r) => JSON.stringify(r)),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.nat(2000), (ls, cut) => {
        const text = ls.join('\n').slice(0, cut);
        const { problems, errors } = parseProblemsJsonl(text, arith);
        const nonBlank = text.split(/\r?\n/).filter((l) => l.trim() !== '').length;
        expect(problems.length + errors.length).toBe(nonBlank);
        for (const p of problems) expect(typeof parseChain(p.question)).toBe('object');
        for (const e of errors) expect(e.line).toBeGreaterThan(0);
      }),
      { numRuns: 10_000 },
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import './algebra';
import { generateMath, MATH_LEVELS } from './generate';
import { mathGoldenLines } from './golden';
import { gradeMath, mathPrompt } from '.';
import { SCENARIOS } from './scenarios';

const draws = (n: number) => Array.from({ length: n }, (_, i) => generateMath(i, 1 + (i % 5)));

describe('math word problems', () => {
  it('matches the golden fixture (same seed, same problem, in every later version)', () => {
    const file = readFileSync('fixtures/math-golden.jsonl', 'utf8').trimEnd().split('\n');
    expect(file).toEqual(mathGoldenLines());
    expect(file).toHaveLength(100);
  });

  it('are at least 95% distinct in 1,000 draws, every setting used at every level', () => {
    const all = draws(1000);
    expect(new Set(all.map((p) => p.question)).size).toBeGreaterThanOrEqual(950);
    for (const level of MATH_LEVELS) {
      const seen = new Set(
        Array.from({ length: 600 }, (_, s) => generateMath(s, level).question.split('.')[0]),
      );
      // The opening sentence names the setting: 20 settings, each phrased its own way.
      expect(SCENARIOS.length).toBeGreaterThanOrEqual(20);
      expect(seen.size).toBeGreaterThan(20);
    }
  });

  it('have exact answers: the reference steps recompute them, and the reference solution grades right', () => {
    for (const p of draws(500)) {
      let value = Number(/starts with (\d+)/.exec(p.steps[0]!)![1]);
      for (const step of p.steps.slice(1, -1)) {
        const m = /^\$(\d+) (\+|-|\\times|\\div) (\d+) = (\d+)\$\.$/.exec(step)!;
        expect(Number(m[1])).toBe(value);
        const n = Number(m[3]);
        value =
          m[2] === '+'
            ? value + n
            : m[2] === '-'
              ? value - n
              : m[2] === '\\times'
                ? value * n
                : value / n;
        expect(Number.isInteger(value) && value >= 0).toBe(true);
        expect(Number(m[4])).toBe(value);
      }
      expect(p.steps).toHaveLength(p.level + 2);
      expect(String(value)).toBe(p.answer);
      expect(gradeMath(p, p.steps.join('\n\n'))).toMatchObject({ answer: p.answer, correct: true });
      expect(p.question).not.toMatch(/undefined|NaN|\$\d+\.\d/);
      expect(mathPrompt(p)).toMatch(/\\boxed\{\}\.$/);
    }
  });

  it('refuse levels outside 1–5', () => {
    expect(() => generateMath(0, 6)).toThrow(/levels 1–5/);
  });
});

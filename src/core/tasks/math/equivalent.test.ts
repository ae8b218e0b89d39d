import { describe, expect, it } from 'vitest';
import './algebra';
import { mathEquivalent } from './equivalent';
import { normalizeMathAnswer } from './normalize';

/** [model's answer, reference]: equivalent. */
const EQUAL: [string, string][] = [
  // integers, separators, signs
  ['42', '42'],
  ['1,000', '1000'],
  ['1,234,567', '1234567'],
  ['+5', '5'],
  ['-7', '-7'],
  ['007', '7'],
  ['0', '-0'],
  ['$42$', '42'],
  ['\\$42', '42'],
  ['$\\$1,200$', '1200'],
  ['42.', '42'],
  ['\\(42\\)', '42'],
  ['\\[ 42 \\]', '42'],
  // decimals
  ['0.5', '.5'],
  ['0.50', '0.5'],
  ['3.0', '3'],
  ['-0.25', '-.25'],
  ['12.5', '12.50'],
  ['1,234.5', '1234.5'],
  ['100.000', '100'],
  // fractions
  ['\\frac{1}{2}', '0.5'],
  ['\\dfrac{1}{2}', '\\frac{1}{2}'],
  ['\\tfrac{3}{4}', '0.75'],
  ['\\frac12', '\\frac{1}{2}'],
  ['1/2', '\\frac{1}{2}'],
  ['2/4', '\\frac{1}{2}'],
  ['-\\frac{3}{4}', '-0.75'],
  ['\\frac{-3}{4}', '-\\frac{3}{4}'],
  ['\\frac{6}{3}', '2'],
  ['\\frac{10}{4}', '2.5'],
  ['3/4', '0.75'],
  ['\\frac{1}{3}', '\\frac{2}{6}'],
  ['\\dfrac{22}{7}', '\\frac{22}{7}'],
  ['\\frac{100}{10}', '10'],
  ['\\frac 34', '\\frac{3}{4}'],
  // text, units, percent, degrees
  ['\\text{5}', '5'],
  ['5 \\text{ apples}', '5'],
  ['12 apples', '12'],
  ['5 cm^2', '5'],
  ['18 dollars', '18'],
  ['50\\%', '50'],
  ['50%', '50'],
  ['90^\\circ', '90'],
  ['90^{\\circ}', '90'],
  ['45°', '45'],
  ['\\textbf{7}', '7'],
  ['\\mathrm{8}', '8'],
  ['\\mbox{9}', '9'],
  ['3 hours', '3'],
  ['2,500 meters', '2500'],
  // spacing
  ['1\\,000', '1000'],
  ['\\left( 1, 2 \\right)', '(1,2)'],
  ['\\displaystyle \\frac{1}{2}', '0.5'],
  ['x = 5', '5'],
  ['k=-3', '-3'],
  ['\\; 6 \\;', '6'],
  ['7~', '7'],
  ['\\quad 8', '8'],
  ['9\\!', '9'],
  ['10\\:', '10'],
  // tuples and intervals, in order
  ['(1, 2)', '(1,2)'],
  ['(0.5, 1)', '(\\frac{1}{2}, 1)'],
  ['[1, 2)', '[1,2)'],
  ['(-\\infty, 3]', '(-\\infty,3]'],
  ['(1,2,3)', '( 1 , 2 , 3 )'],
  ['(2, \\frac{1}{2})', '(2, 0.5)'],
  ['[0, 1]', '[0,1]'],
  ['(3, -4)', '(3,-4)'],
  ['(1/2, 3/4)', '(0.5, 0.75)'],
  ['\\{1, 2\\}', '\\{1,2\\}'],
  // symbolic (the CAS)
  ['\\sqrt{8}', '2\\sqrt{2}'],
  ['\\sqrt{12}', '2\\sqrt{3}'],
  ['\\frac{\\sqrt{2}}{2}', '\\frac{1}{\\sqrt{2}}'],
  ['2\\pi', '\\pi \\cdot 2'],
  ['\\pi/2', '\\frac{\\pi}{2}'],
  ['x^2+2x+1', '(x+1)^2'],
  ['(x-1)(x+1)', 'x^2-1'],
  ['2x+3x', '5x'],
  ['\\frac{x^2-1}{x-1}', 'x+1'],
  ['a+b', 'b+a'],
  ['2(a+b)', '2a+2b'],
  ['\\sin^2 x + \\cos^2 x', '1'],
  ['e^{\\ln 5}', '5'],
  ['\\log_2 8', '3'],
  ['3^{2}', '9'],
  ['\\sqrt{16}', '4'],
  ['\\frac{2}{\\sqrt{2}}', '\\sqrt{2}'],
  ['x(x+2)', 'x^2+2x'],
  ['(a+b)^2', 'a^2+2ab+b^2'],
  ['\\frac{1}{x}+\\frac{1}{x}', '\\frac{2}{x}'],
  ['2^{10}', '1024'],
  ['\\sqrt{2}\\cdot\\sqrt{8}', '4'],
  ['10\\sqrt{2}', '\\sqrt{200}'],
  ['\\frac{\\pi}{4}\\cdot 4', '\\pi'],
  ['4!', '24'],
];

/** [model's answer, reference]: not equivalent (near misses among them). */
const DIFFERENT: [string, string][] = [
  ['0.5', '0.05'],
  ['\\frac{1}{2}', '\\frac{2}{1}'],
  ['10', '100'],
  ['42', '24'],
  ['1,000', '100'],
  ['1,2', '12'],
  ['-5', '5'],
  ['0.333', '\\frac{1}{3}'],
  ['3.14', '\\pi'],
  ['1/3', '0.3'],
  ['\\frac{3}{4}', '\\frac{4}{3}'],
  ['2.5', '25'],
  ['1001', '1000'],
  ['999', '1000'],
  ['0.1', '1'],
  ['(1, 2)', '(2, 1)'],
  ['(1, 2)', '[1, 2]'],
  ['[1, 2)', '[1, 2]'],
  ['(1, 2, 3)', '(1, 2)'],
  ['(1,2)', '1,2'],
  ['\\sqrt{8}', '2\\sqrt{3}'],
  ['x^2+1', '(x+1)^2'],
  ['2x', 'x^2'],
  ['a-b', 'b-a'],
  ['\\pi', '2\\pi'],
  ['\\frac{x}{2}', '2x'],
  ['\\sin x', '\\cos x'],
  ['x+1', 'x-1'],
  ['\\sqrt{2}', '2'],
  ['e', '3'],
  ['50%', '5'],
  ['12 apples', '13'],
  ['5 cm', '50'],
  ['x = 5', '6'],
  ['\\$20', '2'],
  ['', '5'],
  ['five', '5'],
  ['\\boxed{}', '0'],
  ['\\frac{1}{0}', '0'],
  ['undefined', '0'],
  ['7', '7.0001'],
  ['-0.5', '0.5'],
  ['100', '1000'],
  ['2^{10}', '1000'],
  ['(0.5, 1)', '(0.5, 2)'],
  ['\\{1, 2\\}', '\\{1, 3\\}'],
  ['\\log_2 8', '4'],
  ['4!', '4'],
  ['\\infty', '-\\infty'],
  ['1e3', '100'],
  ['x', 'y'],
  ['2a+2b', '2a+b'],
  ['\\frac{22}{7}', '\\pi'],
  ['0', '1'],
  ['\\text{yes}', '\\text{no}'],
];

describe('math answer equivalence (MATH / GSM8K grading)', () => {
  it(`has a table of at least 150 pairs, 20 of them symbolic`, () => {
    expect(EQUAL.length + DIFFERENT.length).toBeGreaterThanOrEqual(150);
    const symbolic = [...EQUAL, ...DIFFERENT].filter(([a, b]) =>
      /\\sqrt|\\pi|\\sin|\\cos|\\log|\\ln|[a-z]\^|\^\{|[a-z]\(|\d[a-z]|!|\\cdot|[ab]\+|[ab]-/.test(
        a + b,
      ),
    );
    expect(symbolic.length).toBeGreaterThanOrEqual(20);
  });

  for (const [a, b] of EQUAL) {
    it(`${JSON.stringify(a)} ≡ ${JSON.stringify(b)}`, () => {
      expect(mathEquivalent(a, b)).toBe(true);
      expect(mathEquivalent(b, a)).toBe(true);
    });
  }
  for (const [a, b] of DIFFERENT) {
    it(`${JSON.stringify(a)} ≢ ${JSON.stringify(b)}`, () => {
      expect(mathEquivalent(a, b)).toBe(false);
      expect(mathEquivalent(b, a)).toBe(false);
    });
  }

  it('null and oversized answers are not equivalent to anything, and nothing throws', () => {
    expect(mathEquivalent(null, '5')).toBe(false);
    expect(mathEquivalent('5', null)).toBe(false);
    expect(mathEquivalent('x'.repeat(100_000), '5')).toBe(false);
    expect(mathEquivalent('\\frac{\\frac{\\frac{', '5')).toBe(false);
    expect(normalizeMathAnswer('  $\\text{12}$.  ')).toBe('12');
  });
});

import { describe, expect, it } from 'vitest';
import { extractMathAnswer } from './extract';

/** [solution text, the answer extracted] — in the documented order of precedence. */
const CASES: [string, string | null][] = [
  ['So the total is \\boxed{42}.', '42'],
  ['First \\boxed{1}, then corrected: \\boxed{2}', '2'],
  ['\\boxed{\\frac{1}{2}}', '\\frac{1}{2}'],
  ['\\boxed{\\frac{\\sqrt{3}}{2}} is it', '\\frac{\\sqrt{3}}{2}'],
  ['\\fbox{7}', '7'],
  ['\\boxed {x^{2}}', 'x^{2}'],
  ['The answer is \\boxed{5}. The answer is 6.', '5'],
  ['The answer is 18.', '18'],
  ['The final answer is $\\frac{3}{4}$.', '$\\frac{3}{4}$'],
  ['so the answer is: 3.5. Done', '3.5'],
  ['Thus the answer is 12 apples\nCheck: ok', '12 apples'],
  ['The answer is 7. The answer is 8.', '8'],
  ['Natalia sold 48/2 = 24 clips in May.\n#### 72', '72'],
  ['#### 1,000', '1,000'],
  ['She has 3 apples and buys 4 more, so 7.', '7'],
  ['Values: -2.5 and then 3/4', '3/4'],
  ['Total: 1,234,567 people', '1,234,567'],
  ['no digits at all', null],
  ['', null],
  ['\\boxed{unclosed', null],
];

describe('math answer extraction', () => {
  for (const [text, answer] of CASES) {
    it(`${JSON.stringify(text.slice(0, 40))} → ${JSON.stringify(answer)}`, () => {
      expect(extractMathAnswer(text)).toBe(answer);
    });
  }
});

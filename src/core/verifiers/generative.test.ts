import { describe, expect, it } from 'vitest';
import { generativeScores } from './generative';

describe('generative verifier reading rule', () => {
  it('scores each step line (with its newline) and takes the minimum over steps and answer line', () => {
    // completion "1+2=3\n3*3=9\nA: 9" + </s>: 17 tokens, log-prob −0.1 each except one slip.
    const text = '1+2=3\n3*3=9\nA: 9';
    const lp = new Array(text.length + 1).fill(-0.1);
    lp[8] = -2; // inside "3*3=9"
    const s = generativeScores(text, lp, true, 30);
    expect(s.steps[0]).toBeCloseTo(Math.exp(-0.6), 12);
    expect(s.steps[1]).toBeCloseTo(Math.exp(-0.5 - 2), 12);
    expect(s.outcome).toBeCloseTo(Math.exp(-2.5), 12);
    expect(s.tokens).toBe(30);
  });

  it('includes end-of-sequence in the answer line only when the sample ended, and skips empty lines', () => {
    const text = '1+2=3\n\nA: 3';
    const lp = new Array(text.length + 1).fill(-0.2);
    lp[text.length] = -5; // end-of-sequence
    expect(generativeScores(text, lp, true).outcome).toBeCloseTo(Math.exp(-0.8 - 5), 12);
    expect(generativeScores(text, lp, false).outcome).toBeCloseTo(Math.exp(-1.2), 12);
    expect(generativeScores(text, lp, true).steps).toHaveLength(1);
  });

  it('gives 0 to an empty completion', () => {
    expect(generativeScores('', [], false)).toEqual({ steps: [], outcome: 0, tokens: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { tokenStepSpans } from './tokenSpans';
import { meanLogprobScores, minLogprobScores, selfCertaintyScores } from './verifierFree';

describe('tokenStepSpans', () => {
  // "ab\n\ncd\n\nThe answer" as tokens "ab", "\n\n", "c", "d\n\n", "The", " answer", <eos>.
  const text = 'ab\n\ncd\n\nThe answer';
  const ends = [2, 4, 5, 8, 11, 18, 18];
  it('splits at the delimiter, a token going to the step its first character is in', () => {
    expect(tokenStepSpans(text, ends, '\n\n')).toEqual([
      [0, 2],
      [2, 4],
      [4, 7], // end-of-sequence (no text) joins the last step
    ]);
  });
  it('folds empty steps into the one before and keeps a text with no delimiter whole', () => {
    expect(tokenStepSpans('x\n\n\n\ny', [1, 3, 5, 6], '\n\n')).toEqual([
      [0, 3],
      [3, 4],
    ]);
    expect(tokenStepSpans('just one', [4, 8], '\n\n')).toEqual([[0, 2]]);
    expect(tokenStepSpans('', [], '\n\n')).toEqual([]);
  });
});

describe('verifier-free scores', () => {
  const lp = [-0.1, -2, -0.5, -0.3];
  const spans: [number, number][] = [
    [0, 2],
    [2, 4],
  ];
  it('min and mean log-prob per step and over the sample', () => {
    const min = minLogprobScores(lp, spans);
    expect(min.steps).toEqual([Math.exp(-2), Math.exp(-0.5)]);
    expect(min.outcome).toBe(Math.exp(-2));
    const mean = meanLogprobScores(lp, spans);
    expect(mean.steps[0]).toBeCloseTo(Math.exp(-1.05), 12);
    expect(mean.outcome).toBeCloseTo(Math.exp(-0.725), 12);
  });
  it('self-certainty keeps the order of the mean KL and stays in [0, 1)', () => {
    const a = selfCertaintyScores([0.5, 1.5], [[0, 2]]);
    const b = selfCertaintyScores([2, 3], [[0, 2]]);
    expect(a.outcome).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(b.outcome!).toBeGreaterThan(a.outcome!);
    expect(selfCertaintyScores([-1e-17], [[0, 1]]).outcome).toBe(0);
    expect(selfCertaintyScores([], []).outcome).toBe(0);
  });
});

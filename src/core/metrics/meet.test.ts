import { describe, expect, it } from 'vitest';
import { accuracyAt, meetingPoint } from './meet';

describe('meetingPoint', () => {
  it('finds the crossing linear in log₂ compute (hand-computed)', () => {
    // Differences −0.2 at x = 1 and +0.2 at x = 4: zero halfway in log₂, x = 2, where a reads 0.6.
    const a = [
      { x: 1, accuracy: 0.5 },
      { x: 4, accuracy: 0.7 },
    ];
    const b = [
      { x: 1, accuracy: 0.3 },
      { x: 4, accuracy: 0.9 },
    ];
    const m = meetingPoint(a, b);
    expect(m.aboveFirst).toBe('a');
    expect(m.range).toEqual([1, 4]);
    expect(m.at!.x).toBeCloseTo(2, 12);
    expect(m.at!.accuracy).toBeCloseTo(0.6, 12);
  });

  it('reads the curves between knots of the other one', () => {
    // b has a knot at 8 where a has none: a(8) = 0.5 + 0.3 · (3 − 2) / (4 − 2) = 0.65 > b(8) = 0.6,
    // then a(16) = 0.8 < b(16) = 0.9: the zero of a straight difference on [8, 16] in log₂ x,
    // d(8) = −0.05, d(16) = +0.1 → t = 1/3, x = 2^(3 + 1/3).
    const a = [
      { x: 4, accuracy: 0.5 },
      { x: 16, accuracy: 0.8 },
    ];
    const b = [
      { x: 2, accuracy: 0.1 },
      { x: 8, accuracy: 0.6 },
      { x: 16, accuracy: 0.9 },
    ];
    expect(accuracyAt(a, 8)).toBeCloseTo(0.65, 12);
    const m = meetingPoint(a, b);
    expect(m.range).toEqual([4, 16]);
    expect(m.at!.x).toBeCloseTo(2 ** (3 + 1 / 3), 10);
  });

  it('says when the curves never meet, or do not overlap', () => {
    const a = [
      { x: 1, accuracy: 0.5 },
      { x: 8, accuracy: 0.8 },
    ];
    const below = a.map((p) => ({ ...p, accuracy: p.accuracy - 0.1 }));
    expect(meetingPoint(a, below)).toEqual({ at: null, range: [1, 8], aboveFirst: 'a' });
    expect(meetingPoint(a, [{ x: 100, accuracy: 1 }]).range).toBeNull();
    expect(accuracyAt(a, 16)).toBeNaN();
  });
});

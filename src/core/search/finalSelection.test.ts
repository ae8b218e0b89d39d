import { describe, expect, it } from 'vitest';
import { selectFinal } from './finalSelection';
import type { Node } from './recorder';

let id = 0;
const leaf = (text: string, answer: string | null, score: number): Node => ({
  id: ++id,
  parent: null,
  steps: [text, `A: ${answer}`],
  finished: answer !== null,
  score,
  answer,
  correct: answer === '7',
});

describe('the answer chosen from a completed set', () => {
  // Three copies of one solution (search-and-learn duplicates completed beams up to N), one better.
  const a = leaf('x', '5', 0.6);
  const b = leaf('y', '7', 0.9);
  const c = leaf('z', '7', 0.2);
  const set = [a, a, a, b, c];

  it('best: the first highest score (np.argmax)', () => {
    expect(selectFinal(set, { by: 'best', dedupe: false })).toBe(b);
    const tie = leaf('w', '9', 0.9);
    expect(selectFinal([b, tie], { by: 'best', dedupe: false })).toBe(b);
  });

  it('majority counts duplicates; filtering them first changes the vote', () => {
    expect(selectFinal(set, { by: 'majority', dedupe: false })).toBe(a);
    // Without repeats: 5 once, 7 twice; the representative is 7's best-scored solution.
    expect(selectFinal(set, { by: 'majority', dedupe: true })).toBe(b);
  });

  it('weighted vote sums scores per answer', () => {
    // 5: 3 × 0.6 = 1.8 against 7: 0.9 + 0.2 = 1.1; deduplicated, 0.6 against 1.1.
    expect(selectFinal(set, { by: 'weighted', dedupe: false })).toBe(a);
    expect(selectFinal(set, { by: 'weighted', dedupe: true })).toBe(b);
  });

  it('nothing answered: a vote falls back to the best score; an empty set chooses nothing', () => {
    const open = leaf('u', null, 0.3);
    expect(selectFinal([open], { by: 'majority', dedupe: false })).toBe(open);
    expect(selectFinal([], { by: 'best', dedupe: false })).toBeNull();
  });
});

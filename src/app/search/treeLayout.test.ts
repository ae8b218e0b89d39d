import { describe, expect, it } from 'vitest';
import { beamSearch } from '../../core/strategies/beamSearch';
import { arith } from '../../core/tasks/arith';
import { automatonChecker, automatonGrade, automatonPolicy } from '../../core/testing/automaton';
import { layoutTree, roundStops } from './treeLayout';

const trace = async () =>
  (
    await beamSearch(
      {
        problem: arith.generate(1, 2),
        policy: automatonPolicy({
          length: 3,
          table: [
            [0.7, 0.3],
            [0.7, 0.3],
            [0.7, 0.3],
          ],
        }),
        scorer: automatonChecker,
        grade: automatonGrade,
        seed: 2,
      },
      { n: 4, m: 2, maxSteps: 5, temperature: 1, lookahead: 0 },
    )
  ).trace;

describe('the tree layout', () => {
  it('lays out every scrub position, from before the root to the end', async () => {
    const t = await trace();
    const end = t.events.length;
    expect(layoutTree(t, 0).nodes).toEqual([]);
    let last = 0;
    for (let upTo = 0; upTo <= end; upTo++) {
      const l = layoutTree(t, upTo);
      expect(l.nodes.length).toBeGreaterThanOrEqual(last);
      last = l.nodes.length;
      // Root on top: every child sits below its parent.
      for (const { from, to } of l.links) expect(to.y).toBeGreaterThan(from.y);
    }
    const full = layoutTree(t, end);
    expect(full.nodes).toHaveLength(t.events.filter((e) => e.type === 'created').length);
    expect(full.path[0]).toBe(0);
    expect(roundStops(t).at(-1)).toBe(end);
  });
});

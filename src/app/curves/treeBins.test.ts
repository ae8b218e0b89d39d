import { describe, expect, it } from 'vitest';
import type { SearchRun } from '../../runtime/searchSweep';
import { treeBinAccuracy } from './treeBins';

const cost = {
  promptTokens: 0,
  generatedTokens: 0,
  verifierTokens: 0,
  forwardPasses: 0,
  elapsedMs: 0,
};
const run = (
  problem: string,
  level: number,
  n: number,
  seed: number,
  correct: boolean,
): SearchRun => ({
  problem,
  level,
  strategy: 'beam',
  n,
  seed,
  answer: null,
  correct,
  cost,
});
const point = (n: number) => ({
  n,
  accuracy: 0,
  lo: 0,
  hi: 0,
  generatedTokens: 0,
  promptTokens: 0,
  verifierTokens: 0,
});

describe('tree strategies per difficulty bin', () => {
  const runs = [
    run('a', 1, 4, 0, true),
    run('a', 1, 4, 1, false), // problem a: 1/2
    run('b', 1, 4, 0, true),
    run('b', 1, 4, 1, true), // problem b: 2/2
    run('c', 3, 4, 0, false),
    run('c', 3, 4, 1, false),
    run('d', 3, 2, 0, true), // another budget
    run('x', 5, 4, 0, true), // not in the scored pool
  ];
  const levelOf = (r: SearchRun) => (r.problem === 'x' ? null : `L${r.level}`);

  it('averages over problems the mean over seeds, per bin, at the asked budget', () => {
    const got = treeBinAccuracy(runs, { beam: [point(2), point(4)] }, 4, levelOf);
    expect(got).toEqual({
      beam: { L1: { accuracy: 0.75, problems: 2 }, L3: { accuracy: 0, problems: 1 } },
    });
    expect(treeBinAccuracy(runs, { beam: [point(2), point(4)] }, 2, levelOf)).toEqual({
      beam: { L3: { accuracy: 1, problems: 1 } },
    });
  });

  it('says nothing at a budget whose runs are not all in (no point on the chart)', () => {
    expect(treeBinAccuracy(runs, { beam: [point(2)] }, 4, levelOf)).toEqual({});
  });
});

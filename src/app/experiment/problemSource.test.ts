import { describe, expect, it } from 'vitest';
import { arith } from '../../core/tasks/arith';
import { makeProblemSet } from '../../core/tasks/problemSet';
import { parseProblemsJsonl } from '../../core/tasks/problemsJsonl';
import { adoptPoolProblems, problemSet, problemSetHash } from './problemSource';
import { DEFAULT_EXPERIMENT } from './table';

describe('where an experiment’s problems come from', () => {
  const e = { ...DEFAULT_EXPERIMENT, seed: 4, levels: [2, 3], problems: 6 };

  it('a pool of the generated set keeps the experiment generated', () => {
    expect(adoptPoolProblems(makeProblemSet(arith, 4, [2, 3], 6), e, 'p.json')).toBeNull();
    expect(problemSet(e)).toEqual(makeProblemSet(arith, 4, [2, 3], 6));
  });

  it('a pool of other problems makes them the imported set, named by their content', () => {
    const { problems } = parseProblemsJsonl(
      '{"question":"(2+3)*4","answer":20}\n{"question":"9-2","answer":7}',
      arith,
    );
    const hash = adoptPoolProblems(problems, e, 'p.json');
    expect(hash).toBe(problemSetHash(problems));
    expect(problemSet({ ...e, custom: hash })).toEqual(problems);
    // Another set, another name.
    expect(problemSetHash(problems.slice(1))).not.toBe(hash);
  });
});

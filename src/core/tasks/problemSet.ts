import { hashKey } from '../rng';
import type { Problem } from '../types';
import type { Task } from './task';

/**
 * A reproducible problem set: problem i gets level `levels[i % levels.length]` and its own seed
 * derived from (seed, i), so growing the set never changes earlier problems.
 */
export function makeProblemSet(
  task: Task,
  seed: number,
  levels: readonly number[],
  count: number,
): Problem[] {
  if (levels.length === 0) throw new RangeError('a problem set needs at least one level');
  const problems: Problem[] = [];
  for (let i = 0; i < count; i++) {
    problems.push(task.generate(hashKey(seed, 'problem', i), levels[i % levels.length]!));
  }
  return problems;
}

import { arith } from './arith';
import { math } from './math';
import type { Task } from './task';

export const TASKS: Readonly<Record<string, Task>> = { arith, math };

/** Whether `id` names a registered task (own keys only: `constructor` is not a task). */
export const isTask = (id: string): boolean => Object.hasOwn(TASKS, id);

export function getTask(id: string): Task {
  const task = isTask(id) ? TASKS[id] : undefined;
  if (!task) throw new Error(`unknown task "${id}" (known: ${Object.keys(TASKS).join(', ')})`);
  return task;
}

export type { Task } from './task';

/** Pools from a simulated arith policy (labelled `synthetic`): for tests, benchmarks and `ttc synth`. */
export { syntheticPool, type SyntheticPoolOptions } from './arith/synthetic';

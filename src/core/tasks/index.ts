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

/** Step delimiters an experiment may choose, by name (for tasks that take one: free text). */
export const STEP_DELIMITERS = { blank: '\n\n', line: '\n' } as const;
export type StepDelimiterName = keyof typeof STEP_DELIMITERS;

/**
 * The task `id` with its steps split at `delimiter` where the task takes a choice (math), else the
 * task as registered (arith's format fixes its own). Workers call it with what a request names.
 */
export function taskWith(id: string, delimiter?: string): Task {
  const task = getTask(id);
  if (!delimiter || delimiter === task.stepDelimiter || !task.withStepDelimiter) return task;
  const key = `${id}\u0000${delimiter}`;
  let t = variants.get(key);
  if (!t) variants.set(key, (t = task.withStepDelimiter(delimiter)));
  return t;
}
const variants = new Map<string, Task>();

export type { Task } from './task';

/** Pools from a simulated arith policy (labelled `synthetic`): for tests, benchmarks and `ttc synth`. */
export { syntheticPool, type SyntheticPoolOptions } from './arith/synthetic';

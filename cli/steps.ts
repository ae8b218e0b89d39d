/** `--steps blank|line`: where a free-text task's steps split (the page's Steps setting). */
import { STEP_DELIMITERS, taskWith, type Task } from '../src/core/tasks';
import { UsageError } from './args';

export const STEPS_USAGE = `--steps blank|line         where free-text steps split (math; default blank: a blank line)`;

export function taskWithSteps(id: string, steps: string | undefined): Task {
  if (steps === undefined) return taskWith(id);
  if (!Object.hasOwn(STEP_DELIMITERS, steps))
    throw new UsageError(`--steps must be one of ${Object.keys(STEP_DELIMITERS).join(', ')}`);
  return taskWith(id, STEP_DELIMITERS[steps as keyof typeof STEP_DELIMITERS]);
}

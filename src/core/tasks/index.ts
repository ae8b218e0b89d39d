import { arith } from './arith';
import type { Task } from './task';

export const TASKS: Readonly<Record<string, Task>> = { arith };

export function getTask(id: string): Task {
  const task = TASKS[id];
  if (!task) throw new Error(`unknown task "${id}" (known: ${Object.keys(TASKS).join(', ')})`);
  return task;
}

export type { Task } from './task';

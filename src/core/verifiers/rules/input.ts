/** What a rule is given for a problem's texts: each text's steps as the rule reads them. */
import type { Task } from '../../tasks/task';
import type { Problem } from '../../types';
import type { RuleInput } from './types';

/**
 * The steps a rule reads for one text: the task's own split, then the final-answer line where the
 * task keeps it apart from the steps (arith's `A: …`), as a tree search's path has it — so the
 * answer gets a read too (Math-Shepherd tags the answer step). Its score comes after the steps',
 * where no step label lines up with it.
 */
export function ruleSteps(task: Task, problem: Problem, text: string): string[] {
  const steps = task.grade(problem, text).steps;
  const segments = text.split(task.stepDelimiter).filter((s) => s.trim() !== '');
  const answer = segments[steps.length];
  return answer !== undefined && steps.every((s, k) => s === segments[k])
    ? [...steps, answer]
    : steps;
}

/** One problem's texts as a rule's input. */
export function ruleInput(
  task: Task,
  problem: Problem,
  texts: readonly string[],
  finished: readonly boolean[],
): RuleInput {
  return {
    question: problem.question,
    solutions: texts.map((t, i) => ({
      steps: ruleSteps(task, problem, t),
      finished: finished[i]!,
    })),
  };
}

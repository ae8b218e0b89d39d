import type { Grade, Problem } from '../../types';
import { normalizeAnswer, splitCompletion } from './parse';

/**
 * Exact step labels, the usual PRM labelling: step k is correct iff it equals the reference's step k
 * and every earlier step is correct, so the first error taints the rest.
 */
export function checkSteps(problem: Pick<Problem, 'steps'>, steps: readonly string[]): boolean[] {
  const labels: boolean[] = [];
  let ok = true;
  for (let k = 0; k < steps.length; k++) {
    ok = ok && steps[k] === problem.steps[k];
    labels.push(ok);
  }
  return labels;
}

/** The final checker: a normalized answer equal to the reference answer. */
export function checkAnswer(problem: Pick<Problem, 'answer'>, answer: string | null): boolean {
  return answer !== null && answer === problem.answer;
}

/** Everything the exact checker says about one completion. */
export function gradeCompletion(problem: Pick<Problem, 'steps' | 'answer'>, text: string): Grade {
  const { steps, answerRaw } = splitCompletion(text);
  const answer = normalizeAnswer(answerRaw);
  return {
    steps,
    stepCorrect: checkSteps(problem, steps),
    answer,
    correct: checkAnswer(problem, answer),
  };
}
